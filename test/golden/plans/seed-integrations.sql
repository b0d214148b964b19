SELECT api_id, integration_id, integration_type, timeout_in_millis
FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1';
