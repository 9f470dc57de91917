import { describe, expect, it } from 'vitest';
import type { Engine } from '../index';
import {
  ACCOUNT,
  activeStream,
  arnOf,
  expectError,
  expectFailureChangesNothing,
  newEngine,
  notActive,
} from '../test/helpers';

const summary = (engine: Engine) => engine.call('DescribeStreamSummary', { StreamName: 's' }).StreamDescriptionSummary!;
const setMode = (
  engine: Engine,
  StreamMode: 'PROVISIONED' | 'ON_DEMAND',
  extra: { WarmThroughputMiBps?: number } = {},
) => engine.call('UpdateStreamMode', { StreamARN: arnOf('s'), StreamModeDetails: { StreamMode }, ...extra });

const enableCommitment = (engine: Engine) =>
  engine.call('UpdateAccountSettings', { MinimumThroughputBillingCommitment: { Status: 'ENABLED' } });

describe('UpdateStreamMode, UpdateMaxRecordSize and UpdateStreamWarmThroughput', () => {
  describe('serialization', () => {
    it('should return SerializationException when MaxRecordSizeInKiB is a string', () => {
      expectError(
        () => newEngine().call('UpdateMaxRecordSize', { StreamARN: arnOf('s'), MaxRecordSizeInKiB: '2048' }),
        'SerializationException',
        'class java.lang.String can not be converted to an Integer',
      );
    });
  });

  describe('validation', () => {
    it('should require StreamARN and StreamModeDetails, with a known StreamMode', () => {
      expectError(() => newEngine().call('UpdateStreamMode', {}), 'ValidationException');
      expectError(
        () =>
          newEngine().call('UpdateStreamMode', {
            StreamARN: arnOf('s'),
            StreamModeDetails: { StreamMode: 'AUTO' },
          } as never),
        'ValidationException',
        "1 validation error detected: Value 'AUTO' at 'streamModeDetails.streamMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]",
      );
    });
    it('should bound MaxRecordSizeInKiB to 1024..10240', () => {
      expectError(
        () => newEngine().call('UpdateMaxRecordSize', { StreamARN: arnOf('s'), MaxRecordSizeInKiB: 10241 }),
        'ValidationException',
        "1 validation error detected: Value '10241' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value less than or equal to 10240",
      );
      expectError(
        () => newEngine().call('UpdateMaxRecordSize', { StreamARN: arnOf('s'), MaxRecordSizeInKiB: 1023 }),
        'ValidationException',
        "1 validation error detected: Value '1023' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value greater than or equal to 1024",
      );
    });
  });

  describe('functionality', () => {
    it('should switch capacity mode through UPDATING, keeping the shards', () => {
      const engine = newEngine();
      activeStream(engine, 's', 3);
      setMode(engine, 'ON_DEMAND');
      expect(summary(engine).StreamStatus).toBe('UPDATING');
      expect(summary(engine).StreamModeDetails).toEqual({ StreamMode: 'PROVISIONED' });
      engine.advanceBy(engine.options.timings.streamModeMs);
      expect(summary(engine)).toMatchObject({
        StreamStatus: 'ACTIVE',
        StreamModeDetails: { StreamMode: 'ON_DEMAND' },
        OpenShardCount: 3,
      });
    });

    it('should refuse the mode the stream already has (decision: InvalidArgumentException)', () => {
      const engine = newEngine();
      activeStream(engine);
      expectFailureChangesNothing(
        engine,
        () => setMode(engine, 'PROVISIONED'),
        'InvalidArgumentException',
        `Stream s under account ${ACCOUNT} is already in PROVISIONED mode.`,
      );
    });

    it('should refuse a mode switch while the stream is UPDATING', () => {
      const engine = newEngine();
      activeStream(engine);
      setMode(engine, 'ON_DEMAND');
      expectFailureChangesNothing(
        engine,
        () => setMode(engine, 'PROVISIONED'),
        'ResourceInUseException',
        notActive('s', 'UPDATING'),
      );
    });

    it('should allow two mode switches in a rolling 24 hours', () => {
      const engine = newEngine();
      activeStream(engine);
      setMode(engine, 'ON_DEMAND');
      engine.advanceBy(1000);
      setMode(engine, 'PROVISIONED');
      engine.advanceBy(1000);
      expectFailureChangesNothing(
        engine,
        () => setMode(engine, 'ON_DEMAND'),
        'LimitExceededException',
        `Stream s under account ${ACCOUNT} can switch capacity mode at most 2 times in a rolling 24-hour period.`,
      );
      engine.advanceBy(86_400_000);
      setMode(engine, 'ON_DEMAND');
    });

    it('should apply a new maximum record size at once: a 2 MiB record is refused, then accepted', () => {
      const engine = newEngine();
      activeStream(engine);
      const big = new Uint8Array(2 * 1048576);
      expectError(
        () => engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: big }),
        'InvalidArgumentException',
      );
      engine.call('UpdateMaxRecordSize', { StreamARN: arnOf('s'), MaxRecordSizeInKiB: 4096 });
      expect(summary(engine).MaxRecordSizeInKiB).toBe(4096);
      expect(engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: big }).SequenceNumber).toBeDefined();
    });

    it('should set warm throughput on an on-demand stream only, UPDATING until it has it', () => {
      const engine = newEngine();
      activeStream(engine);
      enableCommitment(engine);
      expectFailureChangesNothing(
        engine,
        () => engine.call('UpdateStreamWarmThroughput', { StreamName: 's', WarmThroughputMiBps: 100 }),
        'InvalidArgumentException',
        `Warm throughput can only be set for streams in ON_DEMAND mode. Stream s under account ${ACCOUNT} is in PROVISIONED mode.`,
      );
      setMode(engine, 'ON_DEMAND');
      engine.advanceBy(engine.options.timings.streamModeMs);
      expect(engine.call('UpdateStreamWarmThroughput', { StreamARN: arnOf('s'), WarmThroughputMiBps: 100 })).toEqual({
        StreamARN: arnOf('s'),
        StreamName: 's',
        WarmThroughput: { TargetMiBps: 100, CurrentMiBps: 0 },
      });
      expect(summary(engine)).toMatchObject({
        StreamStatus: 'UPDATING',
        WarmThroughput: { TargetMiBps: 100, CurrentMiBps: 0 },
      });
      expectError(
        () => engine.call('UpdateStreamWarmThroughput', { StreamName: 's', WarmThroughputMiBps: 200 }),
        'ResourceInUseException',
        notActive('s', 'UPDATING'),
      );
      engine.advanceBy(engine.options.timings.updateShardCountMs);
      expect(summary(engine)).toMatchObject({
        StreamStatus: 'ACTIVE',
        WarmThroughput: { TargetMiBps: 100, CurrentMiBps: 100 },
      });
      expectError(
        () => engine.call('UpdateStreamWarmThroughput', { StreamName: 's', WarmThroughputMiBps: 10241 }),
        'InvalidArgumentException',
        'WarmThroughputMiBps 10241 is more than the maximum of 10240 MiBps.',
      );
    });

    it('should refuse warm throughput in an account without the minimum throughput billing commitment', () => {
      const engine = newEngine();
      activeStream(engine);
      setMode(engine, 'ON_DEMAND');
      engine.advanceBy(engine.options.timings.streamModeMs);
      expectFailureChangesNothing(
        engine,
        () => engine.call('UpdateStreamWarmThroughput', { StreamName: 's', WarmThroughputMiBps: 100 }),
        'InvalidArgumentException',
        `Warm throughput can only be set in accounts that have MinimumThroughputBillingCommitment enabled. Account ${ACCOUNT} does not.`,
      );
    });

    it('should take warm throughput with the switch to ON_DEMAND', () => {
      const engine = newEngine();
      activeStream(engine);
      enableCommitment(engine);
      setMode(engine, 'ON_DEMAND', { WarmThroughputMiBps: 50 });
      engine.advanceBy(engine.options.timings.streamModeMs);
      expect(summary(engine).WarmThroughput).toEqual({ TargetMiBps: 50, CurrentMiBps: 50 });
    });
  });
});

describe('DescribeAccountSettings and UpdateAccountSettings', () => {
  describe('validation', () => {
    it('should require MinimumThroughputBillingCommitment.Status, ENABLED or DISABLED', () => {
      expectError(
        () =>
          newEngine().call('UpdateAccountSettings', { MinimumThroughputBillingCommitment: { Status: 'ON' } } as never),
        'ValidationException',
        "1 validation error detected: Value 'ON' at 'minimumThroughputBillingCommitment.status' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]",
      );
    });
  });

  describe('functionality', () => {
    it('should start DISABLED, and once ENABLED last at least 24 hours', () => {
      const engine = newEngine();
      expect(engine.call('DescribeAccountSettings', {})).toEqual({
        MinimumThroughputBillingCommitment: { Status: 'DISABLED' },
      });
      const start = engine.now();
      engine.call('UpdateAccountSettings', { MinimumThroughputBillingCommitment: { Status: 'ENABLED' } });
      const earliest = new Date(start + 86_400_000);
      expect(engine.call('DescribeAccountSettings', {}).MinimumThroughputBillingCommitment).toEqual({
        Status: 'ENABLED',
        StartedAt: new Date(start),
        EarliestAllowedEndAt: earliest,
      });
      engine.advanceBy(3_600_000);
      expect(
        engine.call('UpdateAccountSettings', { MinimumThroughputBillingCommitment: { Status: 'DISABLED' } })
          .MinimumThroughputBillingCommitment,
      ).toEqual({
        Status: 'ENABLED_UNTIL_EARLIEST_ALLOWED_END',
        StartedAt: new Date(start),
        EndedAt: earliest,
        EarliestAllowedEndAt: earliest,
      });
      engine.advanceBy(86_400_000);
      expect(engine.call('DescribeAccountSettings', {}).MinimumThroughputBillingCommitment!.Status).toBe('DISABLED');
    });
  });
});
