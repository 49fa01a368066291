import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** What a stored body holds once decrypted: the two parts of the message. */
export interface EmailBody {
  text: string;
  html: string;
}

const VERSION = 'v1';

/**
 * AES-256-GCM over a message's body, bound to its row by its dedupe key (the additional data), so a body copied onto
 * another row does not decrypt. Stored as `v1.<iv>.<tag>.<ciphertext>`, base64url: the payment link email carries a
 * token, which must not sit in the database in clear.
 */
export class EmailBodyCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The email body key must be 32 bytes.');
  }

  seal(body: EmailBody, boundTo: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(body), 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  /** Throws when the body was sealed with another key or for another row, or was altered. */
  open(sealed: string, boundTo: string): EmailBody {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('Unreadable email body.');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    const body = JSON.parse(plain) as EmailBody;
    if (typeof body?.text !== 'string' || typeof body?.html !== 'string') throw new Error('Unreadable email body.');
    return body;
  }
}
