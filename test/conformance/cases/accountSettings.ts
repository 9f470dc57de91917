/**
 * The account's minimum throughput billing commitment (UpdateAccountSettings and
 * DescribeAccountSettings, current API). No recorded test covers them: the API reference and the
 * SDK's service model are the evidence.
 */
import type { ConformanceCase, Step } from '../case';
import { reference } from './steps';

const setCommitment = (Status: string): Step => ({
  operation: 'UpdateAccountSettings',
  input: { MinimumThroughputBillingCommitment: { Status } },
});

export const updateAccountSettingsCases: ConformanceCase[] = [
  {
    name: 'enabling answers the commitment, ENABLED, with when it started and when it may end',
    profile: 'current',
    operation: 'UpdateAccountSettings',
    input: { MinimumThroughputBillingCommitment: { Status: 'ENABLED' } },
    expect: {
      output: { MinimumThroughputBillingCommitment: { Status: 'ENABLED' } },
      present: [
        'MinimumThroughputBillingCommitment.StartedAt',
        'MinimumThroughputBillingCommitment.EarliestAllowedEndAt',
      ],
      absent: ['MinimumThroughputBillingCommitment.EndedAt'],
    },
    evidence: reference(
      'API_UpdateAccountSettings.html',
      'Updating account settings is a synchronous operation. Upon receiving the request, Kinesis Data Streams will return immediately with your account’s updated settings. Response Syntax: { "MinimumThroughputBillingCommitment": { "EarliestAllowedEndAt": number, "EndedAt": number, "StartedAt": number, "Status": "string" } }',
    ),
  },
  {
    name: 'disabling before the earliest allowed end leaves it on until then',
    profile: 'current',
    steps: [setCommitment('ENABLED')],
    operation: 'UpdateAccountSettings',
    input: { MinimumThroughputBillingCommitment: { Status: 'DISABLED' } },
    expect: {
      output: { MinimumThroughputBillingCommitment: { Status: 'ENABLED_UNTIL_EARLIEST_ALLOWED_END' } },
      present: [
        'MinimumThroughputBillingCommitment.EndedAt',
        'MinimumThroughputBillingCommitment.EarliestAllowedEndAt',
      ],
    },
    evidence: {
      model:
        'MinimumThroughputBillingCommitmentOutputStatus (@aws-sdk/client-kinesis): ENABLED | DISABLED | ENABLED_UNTIL_EARLIEST_ALLOWED_END; MinimumThroughputBillingCommitmentInput: "You can cancel a pending disable by enabling the commitment again before the earliest allowed end time."',
    },
  },
  {
    name: 'no MinimumThroughputBillingCommitment',
    profile: 'current',
    operation: 'UpdateAccountSettings',
    input: {},
    expect: {
      error: 'ValidationException',
      message:
        "1 validation error detected: Value null at 'minimumThroughputBillingCommitment' failed to satisfy constraint: Member must not be null",
    },
    evidence: reference(
      'API_UpdateAccountSettings.html',
      'MinimumThroughputBillingCommitment: Type: MinimumThroughputBillingCommitmentInput object. Required: Yes',
    ),
  },
  {
    name: 'a Status that does not exist',
    profile: 'current',
    operation: 'UpdateAccountSettings',
    input: { MinimumThroughputBillingCommitment: { Status: 'ENABLED_UNTIL_EARLIEST_ALLOWED_END' } },
    expect: { error: 'ValidationException' },
    evidence: {
      model:
        'MinimumThroughputBillingCommitmentInput.Status (@aws-sdk/client-kinesis) is required, one of ENABLED | DISABLED (the third status is an output only).',
    },
  },
];

export const describeAccountSettingsMoreCases: ConformanceCase[] = [
  {
    name: 'after enabling: ENABLED, as UpdateAccountSettings answered',
    profile: 'current',
    steps: [setCommitment('ENABLED')],
    operation: 'DescribeAccountSettings',
    input: {},
    expect: {
      output: { MinimumThroughputBillingCommitment: { Status: 'ENABLED' } },
      present: [
        'MinimumThroughputBillingCommitment.StartedAt',
        'MinimumThroughputBillingCommitment.EarliestAllowedEndAt',
      ],
    },
    evidence: reference(
      'API_DescribeAccountSettings.html',
      'Describes the account-level settings for Amazon Kinesis Data Streams. Response Syntax: { "MinimumThroughputBillingCommitment": { "EarliestAllowedEndAt": number, "EndedAt": number, "StartedAt": number, "Status": "string" } }',
    ),
  },
];
