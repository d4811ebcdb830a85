/**
 * Service quotas the app, the forms and the sandbox share. Amazon Chime SDK
 * quotas: 10 endpoints per AppInstanceUser
 * (https://docs.aws.amazon.com/chime-sdk/latest/dg/meetings-sdk.html#mtg-limits, "AppInstanceUserEndpoints per AppInstanceUser").
 */
export const ENDPOINTS_PER_USER = 10;
