SELECT * FROM awscc.s3.buckets WHERE region = 'us-east-1' AND Identifier = 'my-bucket';
