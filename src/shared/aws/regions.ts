/**
 * Region guardrail. Amazon Chime SDK Identity has endpoints in us-east-1 and
 * eu-central-1 only (https://docs.aws.amazon.com/general/latest/gr/chime-sdk.html);
 * the picker offers those first and marks every other commercial region with
 * a warning instead of hiding it, because AWS adds regions over time.
 */
export const SUPPORTED_REGIONS = ['us-east-1', 'eu-central-1'] as const;

/** Where a connection, a workspace or the sandbox goes when nothing names a region. */
export const DEFAULT_REGION = 'us-east-1';

/** The form of an AWS region name (`us-east-1`, `ap-southeast-4`, `us-gov-west-1`): one rule for the app and the sandbox. */
export const REGION_NAME_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export function isRegionName(value: string): boolean {
  return REGION_NAME_PATTERN.test(value);
}

const OTHER_COMMERCIAL_REGIONS = [
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ca-central-1',
  'ca-west-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'sa-east-1',
] as const;

export interface RegionOption {
  readonly region: string;
  readonly supported: boolean;
  readonly warning?: string;
}

/** Supported regions first, then the other commercial regions, each with its warning. */
export const ALL_REGIONS: readonly RegionOption[] = [
  ...SUPPORTED_REGIONS.map((region) => ({ region, supported: true })),
  ...OTHER_COMMERCIAL_REGIONS.map((region) => ({ region, supported: false, warning: regionWarning(region) })),
];

export function isSupportedRegion(region: string): boolean {
  return (SUPPORTED_REGIONS as readonly string[]).includes(region);
}

/** The warning to show next to a region, or undefined where Chime SDK Identity runs. */
export function regionWarning(region: string): string | undefined {
  if (isSupportedRegion(region)) return undefined;
  return `Amazon Chime SDK Identity is not available in ${region}; calls will fail. Use ${SUPPORTED_REGIONS.join(' or ')}.`;
}
