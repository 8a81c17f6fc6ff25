// An implementer's own type: a subclass with _read, as the Go Counter
// embeds *Readable and supplies its read method.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

class Counter extends Readable {
  constructor() {
    super();
    this.n = 0;
  }

  _read(size) {
    this.n++;
    log('counter read', this.n, size);
    this.push(this.n <= 3 ? String(this.n) : null);
  }
}

const c = new Counter();
watch(c, 'c', 'data', 'end', 'close');
