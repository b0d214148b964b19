// How a resource handler reports that the service behind it refused an operation: the
// request ends FAILED with an ErrorCode and a StatusMessage.
//
// ErrorCode is one of Cloud Control's HandlerErrorCode values (ProgressEvent.ErrorCode in
// the Cloud Control API reference; the list is NotUpdatable, InvalidRequest, AccessDenied,
// InvalidCredentials, AlreadyExists, NotFound, ResourceConflict, Throttling,
// ServiceLimitExceeded, NotStabilized, GeneralServiceException, ServiceInternalError,
// NetworkFailure, InternalFailure, InvalidTypeConfiguration, HandlerInternalFailure,
// NonCompliant, Unknown, UnsupportedTarget). A service's own error code is not one of
// them: an EC2 DependencyViolation reaches Cloud Control's caller as
// GeneralServiceException ("an exception from the downstream service that does not map
// to any other error codes", cloudformation-cli's HandlerErrorCode; reported for an EC2
// delete refused for its dependents in hashicorp/terraform-provider-awscc#1894).
//
// StatusMessage is the service's message with the suffix the AWS SDK for Java adds,
// naming the service, HTTP status and the service's error code, as CloudFormation's
// handlers have reported them (aws/aws-cdk#14456: "The subnet 'subnet-…' has
// dependencies and cannot be deleted. (Service: AmazonEC2; Status Code: 400; Error Code:
// DependencyViolation; Request ID: …; Proxy: null)"). Handlers built on the AWS SDK for
// Java 2.x add the shorter suffix that SDK writes, with commas and no error code (Lambda's:
// "Runtime and Handler are mandatory parameters for functions created with deployment
// packages. (Service: Lambda, Status Code: 400, Request ID: …)", a CloudFormation stack
// event with HandlerErrorCode InvalidRequest, as users quote it).
import { randomUUID } from 'node:crypto';

export type HandlerErrorCode =
  | 'NotUpdatable'
  | 'InvalidRequest'
  | 'AlreadyExists'
  | 'NotFound'
  | 'ResourceConflict'
  | 'ServiceLimitExceeded'
  | 'GeneralServiceException';

export interface HandlerFailure {
  errorCode: HandlerErrorCode;
  message: string;
  /** The service's own error code (DependencyViolation, InvalidVpcID.NotFound). */
  serviceCode: string;
}

/** The AWS SDK for Java a service's handlers are built on: 1.x (the default) or 2.x. */
export type HandlerSdk = 'java-v1' | 'java-v2';

/** A refusal by `service` (as the SDK names it: AmazonEC2, Lambda) with its code and message. */
export function serviceFailure(service: string, errorCode: HandlerErrorCode, serviceCode: string, message: string, status = 400, sdk: HandlerSdk = 'java-v1'): HandlerFailure {
  const suffix =
    sdk === 'java-v2'
      ? `(Service: ${service}, Status Code: ${status}, Request ID: ${randomUUID()})`
      : `(Service: ${service}; Status Code: ${status}; Error Code: ${serviceCode}; Request ID: ${randomUUID()}; Proxy: null)`;
  return { errorCode, serviceCode, message: `${message} ${suffix}` };
}

/** A refusal by the service of `rules`, with the HandlerErrorCode its handlers map `serviceCode` to. */
export function failureFor(rules: { service: string; sdk?: HandlerSdk; handlerCodes: Record<string, HandlerErrorCode> }, serviceCode: string, message: string): HandlerFailure {
  return serviceFailure(rules.service, rules.handlerCodes[serviceCode] ?? 'GeneralServiceException', serviceCode, message, 400, rules.sdk);
}

export function isHandlerFailure(v: unknown): v is HandlerFailure {
  return typeof v === 'object' && v !== null && typeof (v as HandlerFailure).errorCode === 'string' && typeof (v as HandlerFailure).serviceCode === 'string';
}
