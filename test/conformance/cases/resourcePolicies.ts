/**
 * Resource policies on a stream or a consumer (PutResourcePolicy, GetResourcePolicy,
 * DeleteResourcePolicy, current API). No recorded test covers them: the API reference and the
 * SDK's service model are the evidence.
 */
import type { ConformanceCase, Step } from '../case';
import { activeStream, reference, SETTLE_MS } from './steps';

const STREAM_ARN = 'arn:aws:kinesis:${region}:${account}:stream/s';
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
      Action: 'kinesis:GetRecords',
      Resource: 'arn:aws:kinesis:us-east-1:123456789012:stream/s',
    },
  ],
});
const putPolicy = (ResourceARN: string): Step => ({
  operation: 'PutResourcePolicy',
  input: { ResourceARN, Policy: POLICY },
});
const withConsumer: Step[] = [
  ...activeStream('s'),
  {
    operation: 'RegisterStreamConsumer',
    input: { StreamARN: STREAM_ARN, ConsumerName: 'c' },
    save: { consumer: 'Consumer.ConsumerARN' },
  },
  { advanceMs: SETTLE_MS },
];
/** Longer than the ResourceARN's 2048 characters, and otherwise a stream ARN. */
const LONG_ARN = `arn:aws:kinesis:us-east-1:123456789012:stream/${'a'.repeat(2048)}`;

export const putResourcePolicyCases: ConformanceCase[] = [
  {
    name: 'on a stream, with an empty body',
    profile: 'current',
    steps: activeStream('s'),
    operation: 'PutResourcePolicy',
    input: { ResourceARN: STREAM_ARN, Policy: POLICY },
    expect: { emptyBody: true },
    evidence: reference(
      'API_PutResourcePolicy.html',
      'Attaches a resource-based policy to a data stream or registered consumer. If the action is successful, the service sends back an HTTP 200 response with an empty HTTP body.',
    ),
  },
  {
    name: 'on a registered consumer, by its ARN',
    profile: 'current',
    steps: withConsumer,
    operation: 'PutResourcePolicy',
    input: { ResourceARN: '${consumer}', Policy: POLICY },
    expect: { emptyBody: true },
    evidence: reference(
      'API_PutResourcePolicy.html',
      'Consumer pattern: ^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+',
    ),
  },
  {
    name: 'no Policy',
    profile: 'current',
    operation: 'PutResourcePolicy',
    input: { ResourceARN: STREAM_ARN },
    expect: {
      error: 'ValidationException',
      message:
        "1 validation error detected: Value null at 'policy' failed to satisfy constraint: Member must not be null",
    },
    evidence: reference('API_PutResourcePolicy.html', 'Policy: Type: String. Required: Yes'),
  },
  {
    name: 'a ResourceARN that is not a Kinesis stream or consumer',
    profile: 'current',
    operation: 'PutResourcePolicy',
    input: { ResourceARN: 'arn:aws:sqs:us-east-1:123456789012:queue/s', Policy: POLICY },
    expect: { error: 'ValidationException' },
    evidence: reference(
      'API_PutResourcePolicy.html',
      'ResourceARN: Length Constraints: Minimum length of 1. Maximum length of 2048. Pattern: arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+',
    ),
  },
  {
    name: 'a ResourceARN longer than 2048 characters',
    profile: 'current',
    operation: 'PutResourcePolicy',
    input: { ResourceARN: LONG_ARN, Policy: POLICY },
    expect: {
      error: 'ValidationException',
      message: `1 validation error detected: Value '${LONG_ARN}' at 'resourceARN' failed to satisfy constraint: Member must have length less than or equal to 2048`,
    },
    evidence: reference(
      'API_PutResourcePolicy.html',
      'ResourceARN: Length Constraints: Minimum length of 1. Maximum length of 2048.',
    ),
  },
  {
    name: 'unknown stream',
    profile: 'current',
    operation: 'PutResourcePolicy',
    input: { ResourceARN: 'arn:aws:kinesis:${region}:${account}:stream/nope', Policy: POLICY },
    expect: { error: 'ResourceNotFoundException' },
    evidence: reference(
      'API_PutResourcePolicy.html',
      'If you receive a ResourceNotFoundException, check to see if you passed a valid stream or consumer resource.',
    ),
  },
];

export const getResourcePolicyCases: ConformanceCase[] = [
  {
    name: 'the policy put on the stream, as JSON text',
    profile: 'current',
    steps: [...activeStream('s'), putPolicy(STREAM_ARN)],
    operation: 'GetResourcePolicy',
    input: { ResourceARN: STREAM_ARN },
    expect: { output: { Policy: POLICY } },
    evidence: reference(
      'API_GetResourcePolicy.html',
      'Policy: Details of the resource policy. This is formatted as a JSON string. Type: String',
    ),
  },
  {
    name: 'the policy put on a consumer',
    profile: 'current',
    steps: [...withConsumer, putPolicy('${consumer}')],
    operation: 'GetResourcePolicy',
    input: { ResourceARN: '${consumer}' },
    expect: { output: { Policy: POLICY } },
    evidence: reference(
      'API_GetResourcePolicy.html',
      'Returns a policy attached to the specified data stream or consumer.',
    ),
  },
  {
    name: 'a stream without a policy reads an empty policy document',
    profile: 'current',
    steps: activeStream('s'),
    operation: 'GetResourcePolicy',
    input: { ResourceARN: STREAM_ARN },
    expect: { output: { Policy: '{}' } },
    evidence: {
      decided:
        'No recorded answer for a resource without a policy; the model requires Policy in the output, so it is an empty JSON document.',
    },
  },
  {
    name: 'no ResourceARN',
    profile: 'current',
    operation: 'GetResourcePolicy',
    input: {},
    expect: {
      error: 'ValidationException',
      message:
        "1 validation error detected: Value null at 'resourceARN' failed to satisfy constraint: Member must not be null",
    },
    evidence: reference('API_GetResourcePolicy.html', 'ResourceARN: Type: String. Required: Yes'),
  },
  {
    name: 'unknown stream',
    profile: 'current',
    operation: 'GetResourcePolicy',
    input: { ResourceARN: 'arn:aws:kinesis:${region}:${account}:stream/nope' },
    expect: { error: 'ResourceNotFoundException' },
    evidence: reference(
      'API_GetResourcePolicy.html',
      'ResourceNotFoundException: The requested resource could not be found. The stream might not be specified correctly.',
    ),
  },
];

export const deleteResourcePolicyCases: ConformanceCase[] = [
  {
    name: 'a stream policy, with an empty body',
    profile: 'current',
    steps: [...activeStream('s'), putPolicy(STREAM_ARN)],
    operation: 'DeleteResourcePolicy',
    input: { ResourceARN: STREAM_ARN },
    expect: { emptyBody: true },
    evidence: reference(
      'API_DeleteResourcePolicy.html',
      'Delete a policy for the specified data stream or consumer. If the action is successful, the service sends back an HTTP 200 response with an empty HTTP body.',
    ),
  },
  {
    name: 'the stream then reads an empty policy document',
    profile: 'current',
    steps: [
      ...activeStream('s'),
      putPolicy(STREAM_ARN),
      { operation: 'DeleteResourcePolicy', input: { ResourceARN: STREAM_ARN } },
    ],
    operation: 'GetResourcePolicy',
    input: { ResourceARN: STREAM_ARN },
    expect: { output: { Policy: '{}' } },
    evidence: reference('API_DeleteResourcePolicy.html', 'Delete a policy for the specified data stream or consumer.'),
  },
  {
    name: 'an ARN that is not a Kinesis stream or consumer',
    profile: 'current',
    operation: 'DeleteResourcePolicy',
    input: { ResourceARN: 'arn:aws:kinesis:us-east-1:12345:stream/s' },
    expect: { error: 'ValidationException' },
    evidence: reference(
      'API_DeleteResourcePolicy.html',
      'Request patterns can be one of the following: Data stream pattern: arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+',
    ),
  },
  {
    name: 'unknown consumer',
    profile: 'current',
    steps: activeStream('s'),
    operation: 'DeleteResourcePolicy',
    input: { ResourceARN: 'arn:aws:kinesis:${region}:${account}:stream/s/consumer/nope:1600000000' },
    expect: { error: 'ResourceNotFoundException' },
    evidence: reference(
      'API_DeleteResourcePolicy.html',
      'ResourceNotFoundException: The requested resource could not be found. The stream might not be specified correctly.',
    ),
  },
];
