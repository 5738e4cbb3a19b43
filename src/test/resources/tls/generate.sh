#!/bin/sh
# Regenerates the TLS fixtures of the per-endpoint TLS tests (TlsEndpointTest): two certificate authorities, a
# receiver's certificate for 127.0.0.1 signed by the first, a client certificate signed by each. Valid for 100 years;
# nothing here protects anything. Run from this directory: sh generate.sh
set -e
days=36500
for ca in ca other-ca; do
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days $days -subj "/CN=regnotify test $ca" \
    -keyout $ca.key -out $ca.pem 2>/dev/null
done
leaf() { # name, signing ca, subject, extensions
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "$3" -keyout $1.key -out $1.csr 2>/dev/null
  printf '%s\n' "$4" > $1.ext
  openssl x509 -req -in $1.csr -CA $2.pem -CAkey $2.key -CAcreateserial -days $days -extfile $1.ext -out $1.pem \
    2>/dev/null
  rm -f $1.csr $1.ext
}
leaf receiver ca "/CN=127.0.0.1" "subjectAltName=IP:127.0.0.1
extendedKeyUsage=serverAuth"
leaf client ca "/CN=regnotify test client" "extendedKeyUsage=clientAuth"
leaf other-client other-ca "/CN=regnotify test other client" "extendedKeyUsage=clientAuth"
# the receiver's key store, for the test's https server (password: changeit)
openssl pkcs12 -export -in receiver.pem -inkey receiver.key -out receiver.p12 -passout pass:changeit
# a key in the older PKCS#1-style EC form, which the library refuses with a clear error
openssl ec -in client.key -out client-sec1.key 2>/dev/null
rm -f *.srl ca.key other-ca.key
