// An error the local cloud answers with: the wire `__type`, its HTTP status and a message.
// Statuses follow the @httpError traits of AWS's Smithy model for Cloud Control (the
// model @aws-sdk/client-cloudcontrol is generated from), so clients classify them as AWS's.

const STATUS: Record<string, number> = {
  AlreadyExistsException: 400,
  ClientTokenConflictException: 409,
  ConcurrentModificationException: 500,
  ConcurrentOperationException: 409,
  GeneralServiceException: 400,
  HandlerFailureException: 502,
  HandlerInternalFailureException: 502,
  InvalidCredentialsException: 401,
  InvalidRequestException: 400,
  NetworkFailureException: 502,
  NotStabilizedException: 400,
  NotUpdatableException: 400,
  PrivateTypeException: 400,
  RequestTokenNotFoundException: 404,
  ResourceConflictException: 409,
  ResourceNotFoundException: 404,
  ServiceInternalErrorException: 502,
  ServiceLimitExceededException: 400,
  ThrottlingException: 429,
  TypeNotFoundException: 404,
  UnsupportedActionException: 405,
  // Protocol-level errors every AWS JSON service shares (not in the service model).
  ValidationException: 400,
  SerializationException: 400,
  UnknownOperationException: 400,
  MissingAuthenticationTokenException: 403,
  IncompleteSignatureException: 403,
  InvalidSignatureException: 403,
  InternalFailure: 500,
};

export class CloudError extends Error {
  readonly status: number;
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.status = STATUS[type] ?? 400;
  }

  /** The JSON body AWS JSON 1.0 services send for an error. */
  body(): string {
    return JSON.stringify({ __type: this.type, message: this.message });
  }
}

export function isCloudError(e: unknown): e is CloudError {
  return e instanceof CloudError;
}
