SELECT identifier, properties FROM awscc.cloud_control.resource WHERE TypeName = 'AWS::IAM::Role' AND Identifier = 'r';
