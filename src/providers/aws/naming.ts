// Naming rules from DESIGN.md: CloudFormation names → skyql's snake_case SQL names.

/** `TimeoutInMillis` → `timeout_in_millis`, `VPCGatewayAttachment` → `vpc_gateway_attachment`. */
export function snakeCase(name: string): string {
  return name
    .replace(/IPv(\d)/g, 'Ipv$1')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}

/** English plural of the last word of a snake_case name: policy → policies, address → addresses. */
export function pluralize(snake: string): string {
  if (/[^aeiou]y$/.test(snake)) return snake.slice(0, -1) + 'ies';
  if (/is$/.test(snake)) return snake.slice(0, -2) + 'es'; // analysis → analyses
  if (/(ss|us|as|x|z|ch|sh)$/.test(snake)) return snake + 'es';
  if (/s$/.test(snake)) return snake; // already plural: options, settings, details
  return snake + 's';
}

/** `AWS::ApiGatewayV2::Integration` → { service: 'apigatewayv2', resource: 'integrations' }. */
export function tableNameOf(cfnType: string): { service: string; resource: string } {
  const parts = cfnType.split('::');
  if (parts.length !== 3) throw new Error(`not a CloudFormation type name: ${cfnType}`);
  return { service: parts[1].toLowerCase(), resource: pluralize(snakeCase(parts[2])) };
}

/** The `<resource>_tags` view's name: the singular, as stackql-deploy's examples query `vpc_tags`. */
export function tagsViewName(cfnType: string): string {
  return `${snakeCase(cfnType.split('::')[2])}_tags`;
}
