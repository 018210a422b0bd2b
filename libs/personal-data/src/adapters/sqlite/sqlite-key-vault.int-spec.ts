import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PersonalDataCipher } from '../../personal-data-cipher';
import { SqliteKeyVault } from './sqlite-key-vault';

describe('SqliteKeyVault with the personal-data cipher', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-vault-'));
  const file = join(dir, 'vault.db');
  const master = randomBytes(32);
  const subject = { scheme: 'NZ-NSN', digest: 'c'.repeat(64) };
  let vault: SqliteKeyVault;

  beforeAll(() => {
    vault = new SqliteKeyVault(file, master);
  });
  afterAll(async () => {
    await vault.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when personal data is encrypted', () => {
    it('round-trips, with one key per learner, and nothing readable in the vault file', async () => {
      const cipher = new PersonalDataCipher(vault);
      const sealed = await cipher.encrypt(subject, { name: 'Aroha Ngata', birthDate: '1999-04-12' });
      expect(sealed.ciphertext).not.toContain('Aroha');
      expect(await cipher.decrypt(sealed)).toEqual({ name: 'Aroha Ngata', birthDate: '1999-04-12' });
      const again = await cipher.encrypt(subject, { name: 'Aroha Ngata' });
      expect(again.keyId).toBe(sealed.keyId);
      expect(again.ciphertext).not.toBe(sealed.ciphertext); // fresh IV each time
      const key = (await vault.get(sealed.keyId))!;
      expect(readFileSync(file).includes(key)).toBe(false); // stored wrapped only
    });

    it('survives a reopen with the same master key, and fails with another', async () => {
      const sealed = await new PersonalDataCipher(vault).encrypt(subject, { name: 'Tama' });
      const reopened = new SqliteKeyVault(file, master);
      expect(await new PersonalDataCipher(reopened).decrypt(sealed)).toEqual({ name: 'Tama' });
      await reopened.close();
      const wrongMaster = new SqliteKeyVault(file, randomBytes(32));
      await expect(wrongMaster.get(sealed.keyId)).rejects.toThrow();
      await wrongMaster.close();
    });
  });

  describe('when a learner key is destroyed', () => {
    it('shreds every ciphertext under it and refuses to recreate it', async () => {
      const cipher = new PersonalDataCipher(vault);
      const other = { scheme: 'AU-USI', digest: 'd'.repeat(64) };
      const sealed = await cipher.encrypt(other, { name: 'Erased Person' });
      await vault.destroy(sealed.keyId);
      expect(await cipher.decrypt(sealed)).toBeUndefined();
      await expect(cipher.encrypt(other, { name: 'Again' })).rejects.toMatchObject({ code: 'LEARNER.ERASED' });
    });
  });

  describe('when another connection destroys a key this one has used', () => {
    it('no longer seals under it here either (nothing cached), and says which keys it holds', async () => {
      const subject2 = { scheme: 'NZ-NSN', digest: 'e'.repeat(64) };
      const sealer = new PersonalDataCipher(vault);
      const sealed = await sealer.encrypt(subject2, { name: 'Kept Nowhere' });
      const eraser = new SqliteKeyVault(file, master);
      expect(await eraser.status(sealed.keyId)).toBe('live');
      await eraser.destroy(sealed.keyId);
      await eraser.purge();
      expect(await eraser.status(sealed.keyId)).toBe('destroyed');
      expect(await vault.status(sealed.keyId)).toBe('destroyed');
      expect(await vault.status(PersonalDataCipher.keyIdFor({ scheme: 'NZ-NSN', digest: 'f'.repeat(64) }))).toBe('absent');
      expect(await sealer.decrypt(sealed)).toBeUndefined();
      await expect(sealer.encrypt(subject2, { name: 'Again' })).rejects.toMatchObject({ code: 'LEARNER.ERASED' });
      await eraser.close();
    });
  });
});
