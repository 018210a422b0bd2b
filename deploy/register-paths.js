// Resolves the @app/* imports of the compiled output (dist/) at run time.
const { resolve } = require('node:path');
const tsConfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.json');

tsConfigPaths.register({ baseUrl: resolve(__dirname, '..', 'dist'), paths: compilerOptions.paths });
