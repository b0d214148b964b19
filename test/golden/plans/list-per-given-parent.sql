SELECT description FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' AND api_id = 'a1' AND description LIKE '%x%';
