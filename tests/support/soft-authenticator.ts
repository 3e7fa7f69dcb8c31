import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/types';

// A software WebAuthn authenticator for integration tests: real ES256 keys (node:crypto), real
// CBOR, attestation "none", so the server's verification runs exactly as with a phone. It can
// also misbehave on request (another origin or RP ID, a chosen signature counter).

type CborValue = number | string | Uint8Array | CborValue[] | Map<CborValue, CborValue>;

function cborHead(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  if (length < 0x10000) {
    const head = Buffer.alloc(3);
    head[0] = (major << 5) | 25;
    head.writeUInt16BE(length, 1);
    return head;
  }
  const head = Buffer.alloc(5);
  head[0] = (major << 5) | 26;
  head.writeUInt32BE(length, 1);
  return head;
}

/** The subset of CBOR (RFC 8949) that attestation objects and COSE keys use. */
export function cborEncode(value: CborValue): Buffer {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error('only integers are supported');
    return value >= 0 ? cborHead(0, value) : cborHead(1, -1 - value);
  }
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([cborHead(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([cborHead(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([cborHead(4, value.length), ...value.map(cborEncode)]);
  const parts = [cborHead(5, value.size)];
  for (const [key, item] of value) parts.push(cborEncode(key), cborEncode(item));
  return Buffer.concat(parts);
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

/**
 * An ES256 signature whose r and s both take the full 32 bytes. @simplewebauthn/server 9.0.3
 * turns a DER signature with a shorter r or s (about 1 in 100 signatures) into a wrong-length raw
 * one and refuses it: a known upstream bug, fixed in 10.0.1 (MasterKale/SimpleWebAuthn#594), which
 * next-auth 5.0.0-beta.32's peer range (^9) keeps out for now (see the README). A real
 * authenticator's sign-in then fails once and succeeds when tried again; this test authenticator
 * signs again instead, so tests of everything else stay deterministic. ECDSA signatures are
 * randomised, so a few tries always suffice.
 */
function fullLengthSignature(data: Buffer, privateKey: KeyObject): Buffer {
  for (;;) {
    const der = sign('sha256', data, privateKey);
    const [rLength, sLength] = [der[3], der[5 + der[3]]];
    const full = (length: number, first: number) => length === 33 || (length === 32 && first !== 0);
    if (full(rLength, der[4]) && full(sLength, der[6 + rLength])) return der;
  }
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

type Credential = { id: Buffer; privateKey: KeyObject; rpId: string; userHandle: string; counter: number };

export type Tamper = {
  /** Claim another origin in clientDataJSON (a phishing page relaying the ceremony). */
  origin?: string;
  /** Hash another RP ID into authenticatorData. */
  rpId?: string;
  /** Sign this counter value instead of the next one. */
  counter?: number;
};

export class SoftAuthenticator {
  readonly credentials: Credential[] = [];

  /**
   * @param origin the origin the "browser" runs on
   * @param options.countless an authenticator without a signature counter (always 0), as many platform passkeys
   */
  constructor(
    private readonly origin: string,
    private readonly options: { countless?: boolean } = {},
  ) {}

  private clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, tamper: Tamper): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin: tamper.origin ?? this.origin, crossOrigin: false }), 'utf8');
  }

  /** navigator.credentials.create(): a new ES256 key pair for the RP and user in the options. */
  register(options: PublicKeyCredentialCreationOptionsJSON, tamper: Tamper = {}): RegistrationResponseJSON {
    const rpId = options.rp.id!;
    const excluded = new Set((options.excludeCredentials ?? []).map((credential) => credential.id));
    if (this.credentials.some((credential) => credential.rpId === rpId && excluded.has(b64url(credential.id)))) {
      throw new Error('InvalidStateError: this authenticator already holds an excluded credential');
    }
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const coseKey = new Map<CborValue, CborValue>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, Buffer.from(jwk.x!, 'base64url')],
      [-3, Buffer.from(jwk.y!, 'base64url')],
    ]);
    const id = randomBytes(32);
    const counter = tamper.counter ?? 0;
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const authData = Buffer.concat([
      sha256(tamper.rpId ?? rpId),
      Buffer.from([FLAG_UP | FLAG_UV | FLAG_AT]),
      uint32(counter),
      Buffer.alloc(16), // AAGUID: none given with attestation "none"
      idLength,
      id,
      cborEncode(coseKey),
    ]);
    const attestationObject = cborEncode(new Map<CborValue, CborValue>([
      ['fmt', 'none'],
      ['attStmt', new Map()],
      ['authData', authData],
    ]));
    this.credentials.push({ id, privateKey, rpId, userHandle: options.user.id, counter });
    return {
      id: b64url(id),
      rawId: b64url(id),
      type: 'public-key',
      response: {
        clientDataJSON: b64url(this.clientData('webauthn.create', options.challenge, tamper)),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    };
  }

  /** navigator.credentials.get(): signs the challenge with a credential the options allow. */
  authenticate(options: PublicKeyCredentialRequestOptionsJSON, tamper: Tamper = {}): AuthenticationResponseJSON {
    const rpId = options.rpId!;
    const allowed = new Set((options.allowCredentials ?? []).map((credential) => credential.id));
    const credential = this.credentials.find((candidate) => candidate.rpId === rpId && (allowed.size === 0 || allowed.has(b64url(candidate.id))));
    if (!credential) throw new Error('NotAllowedError: no credential for these options');
    if (tamper.counter !== undefined) credential.counter = tamper.counter;
    else if (!this.options.countless) credential.counter += 1;
    const authData = Buffer.concat([sha256(tamper.rpId ?? rpId), Buffer.from([FLAG_UP | FLAG_UV]), uint32(credential.counter)]);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, tamper);
    // ECDSA over authenticatorData ‖ SHA-256(clientDataJSON), DER-encoded as WebAuthn wants.
    const signature = fullLengthSignature(Buffer.concat([authData, sha256(clientDataJSON)]), credential.privateKey);
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: credential.userHandle,
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    };
  }
}

function uint32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}
