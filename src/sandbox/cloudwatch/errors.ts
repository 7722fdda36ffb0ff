// AWS-shaped failures of the sandbox CloudWatch Logs endpoint: the JSON 1.1 protocol answers
// `{ "__type": "<Name>", "message": "..." }`, which the SDK raises as an exception of that name.

export class AwsError extends Error {
  readonly type: string;
  readonly status: number;
  constructor(type: string, message: string, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

export const notFound = (message: string) => new AwsError('ResourceNotFoundException', message);
export const invalidParameter = (message: string) => new AwsError('InvalidParameterException', message);
