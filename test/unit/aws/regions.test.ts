import { describe, expect, it } from 'vitest';
import { ALL_REGIONS, SUPPORTED_REGIONS, isSupportedRegion, regionWarning } from '../../../src/shared/aws/regions';

describe('region guardrail', () => {
  it('offers the two Chime SDK Identity regions first, then warns on the others', () => {
    expect(SUPPORTED_REGIONS).toEqual(['us-east-1', 'eu-central-1']);
    expect(ALL_REGIONS.slice(0, 2).map((r) => r.region)).toEqual(['us-east-1', 'eu-central-1']);
    expect(ALL_REGIONS.slice(2).every((r) => !r.supported && r.warning)).toBe(true);
    expect(new Set(ALL_REGIONS.map((r) => r.region)).size).toBe(ALL_REGIONS.length);
  });

  it('warns only outside the supported regions', () => {
    expect(regionWarning('us-east-1')).toBeUndefined();
    expect(regionWarning('eu-central-1')).toBeUndefined();
    expect(regionWarning('ap-southeast-2')).toMatch(/not available in ap-southeast-2.*us-east-1 or eu-central-1/);
    expect(isSupportedRegion('us-west-2')).toBe(false);
  });
});
