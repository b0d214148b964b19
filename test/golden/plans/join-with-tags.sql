SELECT v.vpc_id, t.tag_value FROM aws.ec2.vpcs v JOIN aws.ec2.vpc_tags t ON t.vpc_id = v.vpc_id WHERE v.region = 'us-east-1' AND t.region = 'us-east-1' AND t.tag_key = 'Name';
