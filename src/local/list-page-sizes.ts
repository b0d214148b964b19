// How many resources one ListResources page holds: the list handler's own page size, not
// the caller's. Cloud Control documents ListResources' MaxResults as "Reserved" (Cloud
// Control API Reference, ListResources; the same in the SDK's service model), and a handler
// pages by the size it asks its service for. Per type, the default page of the service API
// the handler lists with; other types use DEFAULT_LIST_PAGE.
export const LIST_PAGE_SIZES: Readonly<Record<string, number>> = {
  // ListFunctions "returns a maximum of 50 items in each response" (Lambda API Reference).
  'AWS::Lambda::Function': 50,
  // ListRoles: "If you do not include this parameter, the number of items defaults to 100" (IAM API Reference, MaxItems).
  'AWS::IAM::Role': 100,
  // ListTables: Limit, "If this parameter is not specified, the limit is 100" (DynamoDB API Reference).
  'AWS::DynamoDB::Table': 100,
  // ListQueues "returns a maximum of 1,000 results" (SQS API Reference).
  'AWS::SQS::Queue': 1000,
  // DescribeLoadBalancers: PageSize "The maximum number of results to return with this call (a number from 1 to 400)" (ELB API Reference, 2012-06-01).
  'AWS::ElasticLoadBalancing::LoadBalancer': 400,
  // API Gateway's page: "The default value is 25 and the maximum value is 500" (API Gateway
  // REST API Reference, `limit`); the V2 API's GetIntegrations states no default of its own.
  'AWS::ApiGatewayV2::Integration': 25,
};

/** The page size of a handler with no entry above: the common default of AWS list APIs (IAM's, DynamoDB's). */
export const DEFAULT_LIST_PAGE = 100;

export function listPageSize(typeName: string): number {
  return Object.hasOwn(LIST_PAGE_SIZES, typeName) ? LIST_PAGE_SIZES[typeName] : DEFAULT_LIST_PAGE;
}
