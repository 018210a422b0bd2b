import { DynamicModule, Inject, InjectionToken, Module, OnApplicationShutdown } from '@nestjs/common';
import { openKeyVault } from './key-vault.factory';
import { KEY_VAULT, KeyVault } from './key-vault.port';
import { PersonalDataCipher } from './personal-data-cipher';

/** Where the key vault lives and the master key that wraps its data keys (see openKeyVault). */
export interface KeyVaultOptions {
  url: string;
  dataDir: string;
  masterKeyHex?: string;
}

const KEY_VAULT_OPTIONS = Symbol('KEY_VAULT_OPTIONS');

/**
 * The key vault and the per-learner cipher over it, for the app that records personal data;
 * the vault is closed when the app stops. Apps that never see personal data do not import it.
 */
@Module({})
export class PersonalDataModule implements OnApplicationShutdown {
  static forRootAsync(options: { inject: InjectionToken[]; useFactory: (...deps: never[]) => KeyVaultOptions }): DynamicModule {
    return {
      module: PersonalDataModule,
      providers: [
        { provide: KEY_VAULT_OPTIONS, inject: options.inject, useFactory: options.useFactory },
        { provide: KEY_VAULT, inject: [KEY_VAULT_OPTIONS], useFactory: (o: KeyVaultOptions) => openKeyVault(o.url, o.dataDir, o.masterKeyHex) },
        { provide: PersonalDataCipher, inject: [KEY_VAULT], useFactory: (vault: KeyVault) => new PersonalDataCipher(vault) },
      ],
      exports: [KEY_VAULT, PersonalDataCipher],
    };
  }

  constructor(@Inject(KEY_VAULT) private readonly vault: KeyVault) {}

  async onApplicationShutdown(): Promise<void> {
    await this.vault.close();
  }
}
