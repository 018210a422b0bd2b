// class-transformer's metadata store (which @Type, @Transform, @Expose a class declares): its
// package ships the types beside, not under, the CommonJS path the runtime loads.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
