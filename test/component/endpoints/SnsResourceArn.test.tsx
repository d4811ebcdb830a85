/** Issue 11 polish: an SNS platform-application ARN in ResourceArn is called what it is, on the row and in Details. */
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { EndpointStateText } from '../../../src/renderer/src/features/endpoints/EndpointStateText';
import { APP_ARN } from '../registration/fixtures';

const SNS_ARN = 'arn:aws:sns:us-east-1:000000000000:app/APNS/demo';

describe('an SNS ARN in ResourceArn', () => {
  it('is called "an SNS ARN, not a Pinpoint app ARN" instead of the generic INVALID_PINPOINT_ARN text', () => {
    render(<EndpointStateText state={{ Status: 'INACTIVE', StatusReason: 'INVALID_PINPOINT_ARN' }} resourceArn={SNS_ARN} />);
    expect(screen.getByText(/The ResourceArn is an SNS ARN, not a Pinpoint app ARN/)).toBeInTheDocument();
    expect(screen.queryByText(/The Pinpoint app ARN is not valid/)).not.toBeInTheDocument();
  });

  it('is called out while the endpoint is still ACTIVE, before the service validates it', () => {
    render(<EndpointStateText state={{ Status: 'ACTIVE' }} resourceArn={SNS_ARN} />);
    expect(screen.getByText(/an SNS ARN, not a Pinpoint app ARN/)).toBeInTheDocument();
  });

  it('says nothing extra for a Pinpoint app ARN', () => {
    render(<EndpointStateText state={{ Status: 'ACTIVE' }} resourceArn={APP_ARN} />);
    expect(screen.queryByText(/SNS ARN/)).not.toBeInTheDocument();
  });
});
