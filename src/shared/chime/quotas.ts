/**
 * Amazon Chime SDK service quotas the app reasons about
 * (docs.aws.amazon.com/general/latest/gr/chime-sdk.html). Defaults: an
 * account can have them raised, so code that enforces one takes it as an
 * option and uses these only as defaults.
 */

/** Endpoints per AppInstanceUser (the sandbox's DEFAULT_ENDPOINT_LIMIT is the same number). */
export const ENDPOINTS_PER_USER_QUOTA = 10;
