// An independent verifier of the repository's credentials, run by the credential tests: Digital
// Bazaar's Verifiable Credentials libraries (not the repository's Python code) check the
// Data Integrity proof (eddsa-rdfc-2022), the dates and the Bitstring Status List.
//
// stdin: one JSON bundle {"credential": {...}, "documents": {url: document, ...}} where the
// documents are the issuers' DID documents (keyed by DID) and the status list credentials
// (keyed by URL). JSON-LD contexts come only from the repository's pinned files
// (credentials/contexts/index.json, each checked against its SHA-256); nothing is fetched, and
// any other URL is an error.
//
// stdout: one JSON line {"verified": bool, "revoked": bool, "errors": [message, ...]}, exit 0.
// "verified" is false for a revoked credential too ("revoked" says which). Exit 2 when the
// verifier itself cannot run (unreadable bundle, packages or contexts missing).

import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';

const CONTEXTS_DIR = new URL('../../../credentials/contexts/', import.meta.url);

function harnessError(message) {
  process.stderr.write(`verify.mjs: ${message}\n`);
  process.exit(2);
}

function pinnedContexts() {
  const index = JSON.parse(readFileSync(new URL('index.json', CONTEXTS_DIR), 'utf8'));
  const contexts = new Map();
  for(const [url, {file, sha256}] of Object.entries(index)) {
    const data = readFileSync(new URL(file, CONTEXTS_DIR));
    if(createHash('sha256').update(data).digest('hex') !== sha256) {
      throw new Error(`${file} does not match its pinned SHA-256`);
    }
    contexts.set(url, JSON.parse(data.toString('utf8')));
  }
  return contexts;
}

function makeDocumentLoader({contexts, documents}) {
  const loaded = document => structuredClone(document);
  return async function documentLoader(url) {
    if(contexts.has(url)) {
      return {contextUrl: null, documentUrl: url, document: loaded(contexts.get(url))};
    }
    if(Object.hasOwn(documents, url)) {
      return {contextUrl: null, documentUrl: url, document: loaded(documents[url])};
    }
    // A verification method (did:web:…#key-1): the method itself, read with its DID
    // document's @context.
    const hash = url.indexOf('#');
    if(hash > 0 && Object.hasOwn(documents, url.slice(0, hash))) {
      const controller = documents[url.slice(0, hash)];
      const methods = [controller.verificationMethod ?? []].flat();
      const method = methods.find(m => m && typeof m === 'object' && m.id === url);
      if(method) {
        return {
          contextUrl: null,
          documentUrl: url,
          document: {'@context': controller['@context'], ...loaded(method)}
        };
      }
      throw new Error(`${url.slice(0, hash)} publishes no verification method ${url}`);
    }
    throw new Error(`Not loaded (neither a pinned context nor a given document): ${url}`);
  };
}

// Every message of an error, of the errors it gathers and of their causes, once each.
function messages(error, into = []) {
  if(!error) {
    return into;
  }
  if(Array.isArray(error)) {
    error.forEach(e => messages(e, into));
    return into;
  }
  const message = error.message ?? String(error);
  if(!into.includes(message)) {
    into.push(message);
  }
  messages(error.errors, into);
  messages(error.cause, into);
  return into;
}

async function main() {
  let libraries;
  try {
    libraries = await Promise.all([
      import('@digitalbazaar/vc'),
      import('@digitalbazaar/data-integrity'),
      import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite'),
      import('@digitalbazaar/vc-bitstring-status-list'),
    ]);
  } catch(error) {
    harnessError(`the verifier's npm packages are missing (run npm ci): ${error.message}`);
  }
  const [vc, {DataIntegrityProof}, {cryptosuite}, {checkStatus}] = libraries;

  let bundle;
  try {
    bundle = JSON.parse(readFileSync(0, 'utf8'));
  } catch(error) {
    harnessError(`stdin is not a JSON bundle: ${error.message}`);
  }
  const {credential, documents = {}} = bundle ?? {};
  if(!credential || typeof credential !== 'object' || typeof documents !== 'object') {
    harnessError('the bundle needs "credential" (an object) and "documents" (an object)');
  }
  let contexts;
  try {
    contexts = pinnedContexts();
  } catch(error) {
    harnessError(`the pinned contexts cannot be read: ${error.message}`);
  }

  const documentLoader = makeDocumentLoader({contexts, documents});
  const suite = new DataIntegrityProof({cryptosuite});
  let statusResult;
  const result = await vc.verifyCredential({
    credential,
    suite,
    documentLoader,
    // Kept: checkStatus answers verified: true whatever the bit is; the bit is in
    // results[].status.
    checkStatus: async options => (statusResult = await checkStatus(options)),
  });

  const errors = messages(result.error);
  for(const entry of result.results ?? []) {
    messages(entry.error, errors);
  }
  if(statusResult && !statusResult.verified) {
    messages(statusResult.error, errors);
  }
  const statuses = statusResult?.results ?? [];
  const revoked = statuses.some(({status}) => status === true);
  for(const {status, credentialStatus} of statuses) {
    if(status === true) {
      errors.push(
        `Revoked: bit ${credentialStatus.statusListIndex} of ` +
        `${credentialStatus.statusListCredential} is set.`);
    }
  }
  const verified = result.verified === true && !revoked;
  if(!verified && errors.length === 0) {
    errors.push('Not verified (the libraries gave no reason).');
  }
  process.stdout.write(JSON.stringify({verified, revoked, errors}) + '\n');
}

main().catch(error => harnessError(error.stack ?? String(error)));
