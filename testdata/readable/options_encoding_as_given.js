// The encoding option is stored as given, while setEncoding stores the
// decoder's canonical name.
'use strict';
const { Readable } = require('stream');
const { log, show } = require('../trace.cjs');

const a = new Readable({ encoding: 'UTF-8', read() {} });
log('option', a.readableEncoding);
a.push(Buffer.from('hi'));
log('read', show(a.read()));
const b = new Readable({ read() {} });
b.setEncoding('UTF-8');
log('setEncoding', b.readableEncoding);
