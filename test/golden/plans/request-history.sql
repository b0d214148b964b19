SELECT request_token, operation_status FROM aws.cloud_control.resource_requests WHERE region = 'us-east-1' AND operation = 'DELETE';
