import type { IncomingMessage } from 'node:http';
import { bodyDigest } from '@app/ledger-crypto';
import { signatureOfMessage } from './signature-check';
import { captureBodyDigest, SIGNATURE_HEADER, SIGNATURE_KEY_HEADER } from './signed-request';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage & { bodyDigest?: Buffer };

describe('signed requests', () => {
  const body = Buffer.from('{"items":[]}');

  it('keeps the digest of the exact body bytes of a signed request', () => {
    const req = request({ [SIGNATURE_HEADER]: 'sig' });
    captureBodyDigest(req, body);
    expect(req.bodyDigest?.equals(bodyDigest(body))).toBe(true);
    expect((req as { signedBody?: Buffer }).signedBody).toBe(body);
  });

  it('takes no digest of an unsigned request', () => {
    const req = request({});
    captureBodyDigest(req, body);
    expect(req.bodyDigest).toBeUndefined();
  });

  it('reads a Kafka message signature from the same headers, over the message value', () => {
    const presented = signatureOfMessage({ [SIGNATURE_KEY_HEADER]: 'k1', [SIGNATURE_HEADER]: 'sig' }, body.toString());
    expect(presented).toEqual({ keyId: 'k1', signature: 'sig', digest: bodyDigest(body), body });
  });

  it('takes no digest of an unsigned Kafka message, and one of a message with only one of the headers', () => {
    expect(signatureOfMessage({}, body.toString())).toEqual({});
    expect(signatureOfMessage({ [SIGNATURE_HEADER]: 'sig' }, body.toString())).toEqual({ signature: 'sig', digest: bodyDigest(body), body });
  });
});
