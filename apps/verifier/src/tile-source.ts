import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Tile, TILE_WIDTH, TileFetcher, tilePath } from '@app/ledger-crypto';

/**
 * Reads C2SP tlog-tiles hash tiles from a log's base URL (e.g. `https://ledger.example/v1/ledger`)
 * or from a mirrored directory holding the same `tile/<L>/<N>[.p/<W>]` paths. A partial tile
 * that is gone is read from its full tile, which starts with the same hashes (tlog-tiles §Partial Tiles).
 * What comes back is untrusted: the caller checks it against a signed checkpoint.
 */
export function tileSource(base: string, headers: Record<string, string> = {}): TileFetcher {
  const read = /^https?:\/\//i.test(base) ? fromUrl(base.replace(/\/+$/, ''), headers) : fromDirectory(base);
  return async (tile: Tile) => {
    const found = await read(tilePath(tile));
    if (found) return found;
    if (tile.width < TILE_WIDTH) {
      const full = await read(tilePath({ ...tile, width: TILE_WIDTH }));
      if (full) return full.subarray(0, tile.width * 32);
    }
    throw new Error(`tile ${tilePath(tile)} not found under ${base}`);
  };
}

type Read = (path: string) => Promise<Buffer | undefined>;

function fromUrl(base: string, headers: Record<string, string>): Read {
  return async (path) => {
    const res = await fetch(`${base}/${path}`, { headers });
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`GET ${base}/${path} answered ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  };
}

function fromDirectory(dir: string): Read {
  return async (path) => {
    try {
      return await readFile(join(dir, ...path.split('/')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  };
}
