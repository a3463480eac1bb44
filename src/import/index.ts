export { type IdxArray, readIdxFile } from './idx-file.js';
export { type IdxSource, type ImportIdxOptions, importIdx } from './import-idx.js';
export { type ImportMnistOptions, TEST_EVERY, importMnist } from './import-mnist.js';
export { type ImportImageFolderOptions, importImageFolder } from './import-imagefolder.js';
