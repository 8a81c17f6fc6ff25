// A TCP echo server whose connections, Duplex streams, are piped into
// themselves: socket.pipe(socket), the smallest use of a Duplex that Node's
// stream documentation describes ("net.Socket is a Duplex stream"). When
// the client half-closes, the socket's readable side ends, pipe() ends its
// writable side, and the client sees the end of the echo.
//
// The server listens on a free loopback port; a client sends two lines,
// reads each echo, half-closes, and waits for the server's end.
'use strict';
const net = require('node:net');

let connections = 0;
let echoed = 0;
const server = net.createServer((socket) => {
  connections++;
  socket.on('data', (chunk) => echoed += chunk.length);
  socket.pipe(socket);
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const client = net.connect(port, '127.0.0.1');
  client.setEncoding('utf8');

  const lines = ['hello\n', 'world\n'];
  let received = '';
  let line = lines.shift();
  client.write(line);
  client.on('data', (chunk) => {
    received += chunk;
    if (received.length < line.length)
      return;
    console.log(`client: sent ${JSON.stringify(line)}, echo ${JSON.stringify(received)}`);
    received = '';
    line = lines.shift();
    if (line)
      client.write(line);
    else
      client.end(); // half-close: no more from the client
  });
  client.on('end', () => {
    console.log('client: the server ended its side too');
  });
  client.on('close', () => {
    // close() stops accepting, and calls back once every connection is
    // closed.
    server.close(() => {
      console.log(`server: closed after ${connections} connection(s), ${echoed} bytes echoed`);
    });
  });
});
