SELECT integration_type FROM aws.apigatewayv2.integrations WHERE region IN ('us-east-1', 'eu-west-1') AND api_id = 'a1' AND integration_id IN ('i1', 'i2');
