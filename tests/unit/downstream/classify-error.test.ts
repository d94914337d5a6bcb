import { ProtocolError, SdkError, SdkErrorCode } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/core/errors.js';
import { classifyDownstreamError } from '../../../src/downstream/classify-error.js';
import { DownstreamError } from '../../../src/downstream/errors.js';

const fetchFailed = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });

describe('classifyDownstreamError', () => {
  it.each([
    [new SdkError(SdkErrorCode.RequestTimeout, 'Request timed out'), 'downstream_timeout', false, true],
    [new SdkError(SdkErrorCode.ConnectionClosed, 'Connection closed'), 'downstream_unavailable', true, true],
    [new SdkError(SdkErrorCode.NotConnected, 'Not connected'), 'downstream_unavailable', true, false],
    [new ProtocolError(-32602, 'Invalid params'), 'downstream_failed', false, false],
    [fetchFailed, 'downstream_unavailable', true, false],
    [new Error('weird'), 'downstream_failed', false, false],
  ])('maps %s to %s (transient %s, sent %s)', (error, code, transient, sent) => {
    const mapped = classifyDownstreamError('s', error, undefined, 1_000) as DownstreamError;
    expect(mapped).toBeInstanceOf(DownstreamError);
    expect([mapped.code, mapped.transient, mapped.sent]).toEqual([code, transient, sent]);
    expect(mapped.server).toBe('s');
  });

  it("reports the caller's abort as a cancellation, whatever the SDK threw", () => {
    const controller = new AbortController();
    controller.abort();
    const mapped = classifyDownstreamError('s', new SdkError(SdkErrorCode.RequestTimeout, 'x'), controller.signal, 1);
    expect(mapped).toBeInstanceOf(CancelledError);
  });

  it('names the configured timeout in the message', () => {
    const mapped = classifyDownstreamError('s', new SdkError(SdkErrorCode.RequestTimeout, 'x'), undefined, 1_500);
    expect(mapped.message).toBe('Server "s" did not answer within 1500 ms.');
  });
});
