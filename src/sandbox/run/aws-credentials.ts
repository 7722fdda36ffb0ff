// The sandbox's CloudWatch Logs endpoint accepts any signed request, so opswarden's AWS SDK
// only needs some credentials to sign with: set placeholders when none are in the
// environment, so a sandbox never needs (or picks up a profile for) real AWS credentials.

export function useSandboxAwsCredentials(): void {
  process.env.AWS_ACCESS_KEY_ID ??= 'opswarden-sandbox';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'opswarden-sandbox';
}
