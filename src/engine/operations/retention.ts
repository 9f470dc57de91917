import { announceSettings } from '../settingsEvents';
import { invalidArgument } from '../errors';
import type { Context } from '../context';
import { RetentionPeriodHours } from '../schema/common';
import { streamRef } from '../schema/streamRef';
import { required, structure } from '../schema/shapes';
import type { StreamState } from '../state';
import { scheduleTrimCheck } from '../retention';
import { BOTH_PROFILES, defineOperation } from './types';

export const MIN_RETENTION_HOURS = 24;
export const maxRetentionHours = (ctx: Context) => (ctx.options.profile === 'current' ? 8760 : 168);

const retentionInput = (profile: Parameters<typeof streamRef>[0]) =>
  structure({ ...streamRef(profile), RetentionPeriodHours: required(RetentionPeriodHours) });

function checkBounds(ctx: Context, hours: number): void {
  if (hours < MIN_RETENTION_HOURS) {
    throw invalidArgument(
      `Minimum allowed retention period is ${MIN_RETENTION_HOURS} hours. Requested retention period (${hours} hours) is too short.`,
    );
  }
  const max = maxRetentionHours(ctx);
  if (hours > max) {
    throw invalidArgument(
      `Maximum allowed retention period is ${max} hours. Requested retention period (${hours} hours) is too long.`,
    );
  }
}

function setRetention(ctx: Context, stream: StreamState, hours: number): void {
  // What the old retention already trimmed stays trimmed when the period grows.
  if (hours > stream.retentionHours) stream.trimmedBefore = ctx.trimHorizonTime(stream);
  stream.retentionHours = hours;
  announceSettings(ctx, stream);
  // A shorter retention trims at once; a longer one never revives what was trimmed (trimmedThrough stays).
  scheduleTrimCheck(ctx, stream, ctx.now());
}

export const increaseStreamRetentionPeriod = defineOperation({
  name: 'IncreaseStreamRetentionPeriod',
  group: 'streams',
  doc: "Keeps records longer (24 hours up to the profile's maximum).",
  profiles: BOTH_PROFILES,
  input: retentionInput,
  run(ctx, input) {
    const stream = ctx.activeStream(input);
    const hours = input.RetentionPeriodHours!;
    checkBounds(ctx, hours);
    if (hours < stream.retentionHours) {
      throw invalidArgument(
        `Requested retention period (${hours} hours) for stream ${stream.name} can not be shorter than existing retention period (${stream.retentionHours} hours). Use DecreaseRetentionPeriod API.`,
      );
    }
    setRetention(ctx, stream, hours);
    return {};
  },
});

export const decreaseStreamRetentionPeriod = defineOperation({
  name: 'DecreaseStreamRetentionPeriod',
  group: 'streams',
  doc: 'Keeps records for less time; older records become unreadable at once.',
  profiles: BOTH_PROFILES,
  input: retentionInput,
  run(ctx, input) {
    const stream = ctx.activeStream(input);
    const hours = input.RetentionPeriodHours!;
    checkBounds(ctx, hours);
    if (hours > stream.retentionHours) {
      throw invalidArgument(
        `Requested retention period (${hours} hours) for stream ${stream.name} can not be longer than existing retention period (${stream.retentionHours} hours). Use IncreaseRetentionPeriod API.`,
      );
    }
    setRetention(ctx, stream, hours);
    return {};
  },
});
