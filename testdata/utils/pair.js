// duplexPair(): what one side writes the other reads; a write completes
// when the reader asks for more; ending one side ends the other's reading.
const { duplexPair } = require('stream');
const log = (...a) => console.log(a.join(' '));
const [a, b] = duplexPair();
b.on('data', (c) => log('b data', c.toString()));
b.on('end', () => log('b end'));
a.on('finish', () => log('a finish'));
log('write', a.write('hello', () => log('a cb hello')));
log('write', a.write('world', () => log('a cb world')));
a.end(() => log('a end cb'));
b.write('back', () => log('b cb back'));
a.on('data', (c) => log('a data', c.toString()));
