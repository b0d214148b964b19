SELECT api_id, integration_id FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1';
