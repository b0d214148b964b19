import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pluralize, snakeCase, tableNameOf, tagsViewName } from './naming.js';

test('snakeCase follows the catalog naming rules', () => {
  const cases: [string, string][] = [
    ['ApiId', 'api_id'],
    ['TimeoutInMillis', 'timeout_in_millis'],
    ['VPCGatewayAttachment', 'vpc_gateway_attachment'],
    ['Ipv6CidrBlocks', 'ipv6_cidr_blocks'],
    ['DBInstance', 'db_instance'],
    ['EIP', 'eip'],
    ['TlsConfig', 'tls_config'],
    ['Arn', 'arn'],
    ['IPv4Pool', 'ipv4_pool'],
    ['DHCPOptions', 'dhcp_options'],
  ];
  for (const [input, want] of cases) assert.equal(snakeCase(input), want, input);
});

test('pluralize handles -y, -s, -x and -ch endings', () => {
  const cases: [string, string][] = [
    ['integration', 'integrations'],
    ['policy', 'policies'],
    ['address', 'addresses'],
    ['integration_response', 'integration_responses'],
    ['gateway', 'gateways'],
    ['index', 'indexes'],
    ['network_insights_analysis', 'network_insights_analyses'],
    ['dhcp_options', 'dhcp_options'],
    ['event_bus', 'event_buses'],
    ['alias', 'aliases'],
  ];
  for (const [input, want] of cases) assert.equal(pluralize(input), want, input);
});

test('tableNameOf maps CloudFormation types to service and resource', () => {
  assert.deepEqual(tableNameOf('AWS::ApiGatewayV2::Integration'), { service: 'apigatewayv2', resource: 'integrations' });
  assert.deepEqual(tableNameOf('AWS::ApiGatewayV2::IntegrationResponse'), {
    service: 'apigatewayv2',
    resource: 'integration_responses',
  });
  assert.deepEqual(tableNameOf('AWS::EC2::SubnetRouteTableAssociation'), {
    service: 'ec2',
    resource: 'subnet_route_table_associations',
  });
});

test('tag views are named after the singular resource', () => {
  assert.equal(tagsViewName('AWS::EC2::VPC'), 'vpc_tags');
  assert.equal(tagsViewName('AWS::EC2::InternetGateway'), 'internet_gateway_tags');
});
