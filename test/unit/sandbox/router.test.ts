import { describe, expect, test } from 'vitest';
import { matchRoute } from '../../../src/main/sandbox/identity/router';

const ARN = 'arn:aws:chime:us-east-1:000000000000:app-instance/abc';
const USER = `${ARN}/user/alice`;
const enc = encodeURIComponent;
const none = new URLSearchParams();

describe('matchRoute', () => {
  test('splits the raw path before decoding, so encoded ARNs stay one label', () => {
    expect(matchRoute('DELETE', `/app-instances/${enc(ARN)}/admins/${enc(USER)}`, none)).toEqual({
      operation: 'DeleteAppInstanceAdmin',
      labels: { appInstanceArn: ARN, appInstanceAdminArn: USER },
    });
    expect(matchRoute('GET', `/app-instance-users/${enc(USER)}/endpoints/e1`, none)?.operation).toBe('DescribeAppInstanceUserEndpoint');
    expect(matchRoute('GET', `/app-instance-users/${enc(USER)}`, none)?.operation).toBe('DescribeAppInstanceUser');
  });

  test('lists versus describes, and POST /tags by its operation query', () => {
    expect(matchRoute('GET', '/app-instances', none)?.operation).toBe('ListAppInstances');
    expect(matchRoute('GET', '/app-instance-users', none)?.operation).toBe('ListAppInstanceUsers');
    expect(matchRoute('POST', '/tags', new URLSearchParams('operation=tag-resource'))?.operation).toBe('TagResource');
    expect(matchRoute('POST', '/tags', new URLSearchParams('operation=untag-resource'))?.operation).toBe('UntagResource');
    expect(matchRoute('GET', '/tags', new URLSearchParams(`arn=${enc(ARN)}`))?.operation).toBe('ListTagsForResource');
    expect(matchRoute('POST', '/tags', none)).toBeUndefined();
  });

  test('tolerates hand-made requests with unencoded ARNs', () => {
    expect(matchRoute('GET', `/app-instance-users/${USER}/endpoints/e1`, none)).toEqual({
      operation: 'DescribeAppInstanceUserEndpoint',
      labels: { appInstanceUserArn: USER, endpointId: 'e1' },
    });
    expect(matchRoute('GET', `/app-instance-users/${USER}`, none)?.labels).toEqual({ appInstanceUserArn: USER });
  });

  test('bad percent-encoding and unknown paths do not match', () => {
    expect(matchRoute('GET', '/app-instances/%E0%A4%A', none)).toBeUndefined();
    expect(matchRoute('GET', '/app-instances/x/y/z', none)).toBeUndefined();
  });
});
