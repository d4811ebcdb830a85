/**
 * The app's document opener: electron-store in the user-data folder. The only
 * file that knows electron-store; tests open the same documents with `conf`
 * (which electron-store extends) through `createConfOpener`.
 */
import ElectronStore from 'electron-store';
import { createConfOpener, type ConfLike, type DocumentOpener } from './persistence';

export function createElectronStoreOpener(userDataDir: string, now: () => number = Date.now): DocumentOpener {
  return createConfOpener({
    cwd: userDataDir,
    now,
    // electron-store names the file with `name`, conf with `configName`.
    create: (options) => {
      // Our migration steps type the store narrowly (MigrationStore); electron-store's options name its own class.
      const electronOptions = { ...options, name: options.configName } as unknown as ConstructorParameters<typeof ElectronStore>[0];
      return new ElectronStore(electronOptions) as unknown as ConfLike;
    },
  });
}
