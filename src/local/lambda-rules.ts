// Lambda's rules on a create, as data (resource-rules.ts runs them).
//
// A function whose deployment package is a .zip file archive (PackageType Zip, the
// default) needs a runtime and a handler: "If the deployment package is a .zip file archive,
// then you set the package type to Zip. For a .zip file archive, the code property
// specifies the location of the .zip file. You must also specify the handler and runtime
// properties" (Lambda API Reference, CreateFunction; a container image, PackageType Image,
// needs neither). The registry schema cannot say so (it requires only Code and Role), so
// the create is accepted and Lambda's handler fails it. Lambda answers
// InvalidParameterValueException with the message below, and the handler reports it as
// HandlerErrorCode InvalidRequest with the AWS SDK for Java 2.x suffix: "Resource handler
// returned message: \"Runtime and Handler are mandatory parameters for functions created
// with deployment packages. (Service: Lambda, Status Code: 400, Request ID: …)\"
// (RequestToken: …, HandlerErrorCode: InvalidRequest)", a CloudFormation stack event for an
// AWS::Lambda::Function with inline code and no runtime, as users quote it. Cloud Control's
// StatusMessage is the handler's message.
import type { ServiceRules } from './resource-rules.js';

export const LAMBDA_RULES: ServiceRules = {
  service: 'Lambda',
  sdk: 'java-v2',
  handlerCodes: {
    InvalidParameterValueException: 'InvalidRequest',
  },
  references: [],
  dependencies: [],
  refusals: {},
  requirements: [
    {
      type: 'AWS::Lambda::Function',
      properties: ['Runtime', 'Handler'],
      unless: { property: 'PackageType', equals: 'Image' },
      code: 'InvalidParameterValueException',
      message: 'Runtime and Handler are mandatory parameters for functions created with deployment packages.',
    },
  ],
};
