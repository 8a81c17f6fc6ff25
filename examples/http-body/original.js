// The first example of Node's stream documentation ("API for stream
// consumers"): an HTTP server whose handler reads the request body, a
// Readable, as utf8 strings, parses it as JSON and writes the type of the
// value to the response, a Writable; bad JSON gets status 400 and the
// parser's message. The docs try it with curl:
//
//   $ curl localhost:1337 -d "{}"
//   object
//   $ curl localhost:1337 -d "\"foo\""
//   string
//   $ curl localhost:1337 -d "not json"
//   error: Unexpected token 'o', "not json" is not valid JSON
//
// Here the server listens on a free loopback port and the program sends
// the same three requests itself. The parser's message is V8's in Node and
// encoding/json's in Go, so the client prints the response body only up to
// the colon that precedes it.
'use strict';
const http = require('node:http');

const server = http.createServer((req, res) => {
  // `req` is an http.IncomingMessage, which is a readable stream.
  // `res` is an http.ServerResponse, which is a writable stream.

  let body = '';
  // Get the data as utf8 strings.
  // If an encoding is not set, Buffer objects will be received.
  req.setEncoding('utf8');

  // Readable streams emit 'data' events once a listener is added.
  req.on('data', (chunk) => {
    body += chunk;
  });

  // The 'end' event indicates that the entire body has been received.
  req.on('end', () => {
    try {
      const data = JSON.parse(body);
      // Write back something interesting to the user:
      res.write(typeof data);
      res.end();
    } catch (er) {
      // uh oh! bad json!
      res.statusCode = 400;
      return res.end(`error: ${er.message}`);
    }
  });
});

// curl -d: a POST with a form content type.
function post(port, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      agent: false,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => text += chunk);
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  for (const body of ['{}', '"foo"', 'not json']) {
    const { status, text } = await post(port, body);
    const shown = status === 400 ? text.slice(0, text.indexOf(':') + 1) + ' ...' : text;
    console.log(`$ curl -d ${JSON.stringify(body)}`);
    console.log(`${status} ${shown}`);
  }
  server.close();
});
