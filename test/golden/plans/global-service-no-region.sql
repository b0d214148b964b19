SELECT role_name, arn FROM aws.iam.roles WHERE data__Identifier = 'my-role';
