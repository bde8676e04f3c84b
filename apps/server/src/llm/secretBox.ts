import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** The server_secrets row that holds the key when LLM_SECRET is not set (embedded, single-machine mode). */
export const LLM_SECRET_NAME = 'llm-key-encryption';

/**
 * Seals provider API keys at rest: AES-256-GCM under a key derived (SHA-256) from the server secret
 * (`LLM_SECRET`, or one generated once and kept in `server_secrets`). The workspace id is the associated
 * data, so a sealed key copied to another workspace's row does not open.
 */
export function createSecretBox(secret: string) {
  const key = createHash('sha256').update(`tandem-llm:${secret}`).digest();
  return {
    seal(plain: string, workspaceId: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(workspaceId));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return ['v1', iv.toString('base64url'), tag.toString('base64url'), body.toString('base64url')].join(
        '.',
      );
    },
    /** The key, or null when it cannot be opened (another server secret, a tampered value). */
    open(sealed: string, workspaceId: string): string | null {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(workspaceId));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        return null;
      }
    },
  };
}
export type SecretBox = ReturnType<typeof createSecretBox>;
