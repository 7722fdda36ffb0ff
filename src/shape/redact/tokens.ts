// Credentials that say what they are wherever they appear, without a key name beside them:
// the documented prefixes and shapes of cloud keys and service tokens (the facts the public
// gitleaks rule set also collects). Each is masked whole. Shapes are anchored on their
// prefix and a minimum length, so ordinary identifiers that share a prefix stay readable.

interface TokenPattern {
  kind: string;
  regex: RegExp;
}

/** Patterns hold no capture groups of their own: ANY_TOKEN numbers one group per pattern. */
const token = (kind: string, source: string): TokenPattern => ({ kind, regex: new RegExp(source, 'g') });

const TOKEN_PATTERNS: readonly TokenPattern[] = [
  // Cloud providers
  token(
    'aws_access_key_id',
    String.raw`\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}\b`,
  ),
  token('gcp_api_key', String.raw`\bAIza[0-9A-Za-z_-]{35}(?![\w-])`),
  token('gcp_oauth_token', String.raw`\bya29\.[0-9A-Za-z_-]{20,}`),
  token('gcp_refresh_token', String.raw`\b1//0[0-9A-Za-z_-]{40,}`),
  token('gcp_client_secret', String.raw`\bGOCSPX-[0-9A-Za-z_-]{28}`),
  token(
    'azure_client_secret',
    String.raw`(?<![\w~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![\w~.-])`,
  ),
  token('digitalocean_token', String.raw`\bdo[opr]_v1_[a-f0-9]{64}\b`),
  token('alibaba_access_key_id', String.raw`\bLTAI[A-Za-z0-9]{20}\b`),
  token('ibm_or_yandex_key', String.raw`\bAQVN[A-Za-z0-9_-]{35,38}\b`),
  token('heroku_api_key', String.raw`\bHRKU-[A-Za-z0-9_-]{58,64}`),
  token('fly_token', String.raw`\bfm\d[a-z]?_[A-Za-z0-9+/=,_-]{40,}`),
  token('cloudflare_origin_key', String.raw`\bv1\.0-[a-f0-9]{24}-[a-f0-9]{146}`),
  token('databricks_token', String.raw`\bdapi[a-f0-9]{32}(?:-\d)?\b`),
  token('terraform_token', String.raw`\b[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}`),
  token('pulumi_token', String.raw`\bpul-[a-f0-9]{40}\b`),
  token('doppler_token', String.raw`\bdp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44}\b`),
  token('vault_token', String.raw`\bhv[sbr]\.[A-Za-z0-9_-]{24,}`),
  token('age_secret_key', String.raw`\bAGE-SECRET-KEY-1[0-9A-Z]{58}\b`),
  token('onepassword_token', String.raw`\bops_eyJ[A-Za-z0-9+/]{100,}={0,3}`),
  // Source control and package registries
  token('github_token', String.raw`\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b`),
  token(
    'gitlab_token',
    String.raw`\b(?:gl(?:pat|dt|rt|ptt|cbt|soat|ft|imt|agent|oas|rtr)-[A-Za-z0-9_-]{20,}|GR1348941[A-Za-z0-9_-]{20,})`,
  ),
  token('npm_token', String.raw`\bnpm_[A-Za-z0-9]{36}\b`),
  token('pypi_token', String.raw`\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}`),
  token('rubygems_token', String.raw`\brubygems_[a-f0-9]{48}\b`),
  token('dockerhub_token', String.raw`\bdckr_pat_[A-Za-z0-9_-]{27,}`),
  token('artifactory_key', String.raw`\bAKCp[A-Za-z0-9]{69}\b`),
  token('clojars_token', String.raw`\bCLOJARS_[a-z0-9]{60}\b`),
  token('atlassian_token', String.raw`\bAT[AC]TT3[A-Za-z0-9_=-]{50,}`),
  token('linear_token', String.raw`\blin_(?:api|oauth)_[A-Za-z0-9]{40}\b`),
  token('postman_key', String.raw`\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\b`),
  token('octopus_key', String.raw`\bAPI-[A-Z0-9]{26}\b`),
  token('harness_token', String.raw`\bpat\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{24}\.[A-Za-z0-9_-]{20}\b`),
  token('figma_token', String.raw`\bfigd_[A-Za-z0-9_-]{40,}`),
  token('readme_key', String.raw`\brdme_[a-z0-9]{70}\b`),
  token('prefect_key', String.raw`\bpnu_[a-z0-9]{36}\b`),
  token('nuget_key', String.raw`\boy2[a-z0-9]{43}\b`),
  // Messaging and collaboration
  token(
    'slack_token',
    String.raw`\b(?:xox[abposre]-[A-Za-z0-9-]{10,}|xoxe(?:\.xox[bp])?-\d-[A-Za-z0-9-]{10,}|xapp-\d-[A-Za-z0-9-]{10,})`,
  ),
  token(
    'slack_webhook',
    String.raw`https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]+`,
  ),
  token(
    'discord_webhook',
    String.raw`https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d+/[A-Za-z0-9_-]+`,
  ),
  token('teams_webhook', String.raw`https://[\w-]+\.webhook\.office\.com/webhookb2/[^\s"'<>]+`),
  token('discord_bot_token', String.raw`\b[MNO][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,38}\b`),
  token('telegram_bot_token', String.raw`(?<!\d)\d{8,10}:AA[A-Za-z0-9_-]{33}(?![\w-])`),
  token('twilio_api_key', String.raw`\bSK[0-9a-fA-F]{32}\b`),
  token('sendgrid_key', String.raw`\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b`),
  token('mailgun_key', String.raw`\bkey-[0-9a-f]{32}\b`),
  token('mailchimp_key', String.raw`\b[0-9a-f]{32}-us\d{1,2}\b`),
  token('notion_token', String.raw`\b(?:secret_[A-Za-z0-9]{43}|ntn_[A-Za-z0-9]{40,})\b`),
  token('airtable_token', String.raw`\bpat[A-Za-z0-9]{14}\.[a-f0-9]{64}\b`),
  token('typeform_token', String.raw`\btfp_[A-Za-z0-9_.=-]{59}`),
  // Payments and commerce
  token('stripe_key', String.raw`\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b`),
  token('stripe_webhook_secret', String.raw`\bwhsec_[A-Za-z0-9+/=]{24,}`),
  token('square_token', String.raw`\b(?:sq0(?:atp|csp|idp)-[A-Za-z0-9_-]{22,43}|EAAA[A-Za-z0-9_-]{60,})`),
  token('shopify_token', String.raw`\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b`),
  token('flutterwave_key', String.raw`\bFLWSECK(?:_TEST)?-[a-h0-9]{32}-X\b`),
  token('easypost_key', String.raw`\bEZ[AT]K[A-Za-z0-9]{54}\b`),
  token('facebook_token', String.raw`\bEAA[A-Z][A-Za-z0-9]{60,}`),
  token('twitter_bearer', String.raw`\bA{22}[A-Za-z0-9%]{80,}`),
  // Observability and data
  token('newrelic_key', String.raw`\bNR(?:AK|JS|II|AA)-[A-Za-z0-9]{19,32}\b`),
  token('sentry_token', String.raw`\bsntry[su]_[A-Za-z0-9_=+/]{40,}`),
  token('grafana_token', String.raw`\b(?:glc_[A-Za-z0-9+/]{32,}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})`),
  token('dynatrace_token', String.raw`\bdt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}\b`),
  token('supabase_token', String.raw`\bsbp_[a-f0-9]{40}\b`),
  token('planetscale_token', String.raw`\bpscale_(?:pw|tkn|oauth)_[A-Za-z0-9_.-]{32,64}`),
  token('mapbox_secret_token', String.raw`\bsk\.eyJ[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}`),
  // AI providers: sk-… keys carry mixed case and digits, unlike a name such as sk-learn-training-job
  token('replicate_token', String.raw`\br8_[A-Za-z0-9]{37}\b`),
  token('huggingface_token', String.raw`\b(?:hf_|api_org_)[A-Za-z]{34}\b`),
  token(
    'api_key',
    String.raw`\bsk-(?:ant-(?:api|admin|sid)\d\d-|proj-|svcacct-|admin-|None-)?(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{32,}`,
  ),
  // Password hashes are as good as the password for offline guessing
  token(
    'password_hash',
    String.raw`\$2[abxy]?\$\d\d\$[./A-Za-z0-9]{53}|\$(?:apr1|1)\$[./A-Za-z0-9]{1,8}\$[./A-Za-z0-9]{22}|\$[56]\$(?:rounds=\d+\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{43,86}`,
  ),
];

/**
 * Every pattern above as one alternation (one capture group each, in order), so a text is
 * scanned once for all of them; the group that matched names the kind.
 */
export const ANY_TOKEN = new RegExp(TOKEN_PATTERNS.map((p) => `(${p.regex.source})`).join('|'), 'g');

/** The kind of the pattern whose group matched, from a replace callback's groups. */
export function tokenKind(groups: readonly unknown[]): string {
  const index = groups.findIndex((g) => g !== undefined);
  return TOKEN_PATTERNS[index]?.kind ?? 'secret';
}
