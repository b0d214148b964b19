SELECT region, bucket_name FROM awscc.s3.buckets_list_only WHERE region = 'us-east-1';
