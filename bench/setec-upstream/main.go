// Command setec-upstream serves setec's own server package (github.com/tailscale/setec/server,
// at the version scripts/build-test-binaries.sh pins) for the tailnet benchmark, so tailyard's
// secrets app can be compared with upstream code on the same tailnet and the same request path.
//
// Stock setec cannot run there: it joins the tailnet with tsnet and refuses to start without
// tailnet TLS certificates, which Headscale does not issue, and Headscale v0.29.2 refuses the
// grant name tailscale.com/cap/secrets. So this main does what tsnet would, without tsnet:
//
//   - it listens on 127.0.0.2:<port> behind a userspace tailscaled whose serve config forwards
//     tailnet port 80 there with a PROXY v2 header (the same path tailyard's managed mode uses),
//     and takes the caller's tailnet ip:port from that header (github.com/pires/go-proxyproto,
//     the library tailscaled itself writes the header with);
//   - it asks that tailscaled's LocalAPI WhoIs on every request, as setec does with tsnet's
//     LocalClient, over the unix socket with tailscale.com/client/local;
//   - it renames the grant (-cap-name, e.g. example.com/cap/secrets) to the name setec reads.
//
// The key-encryption key is a fresh in-memory XChaCha20-Poly1305 tink key: no KMS on a bench.
//
// Usage: setec-upstream -listen 127.0.0.2:18099 -socket /path/tailscaled.sock -state DIR -cap-name example.com/cap/secrets
package main

import (
	"context"
	"errors"
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/pires/go-proxyproto"
	"github.com/tailscale/setec/audit"
	"github.com/tailscale/setec/server"
	"github.com/tink-crypto/tink-go/v2/aead"
	"github.com/tink-crypto/tink-go/v2/keyset"
	"tailscale.com/client/local"
	"tailscale.com/client/tailscale/apitype"
	"tailscale.com/tailcfg"
)

const setecCap = tailcfg.PeerCapability("tailscale.com/cap/secrets")

func main() {
	listen := flag.String("listen", "127.0.0.2:18099", "backend address tailscaled forwards to (with a PROXY header)")
	socket := flag.String("socket", "", "LocalAPI socket of the tailscaled in front of this server")
	state := flag.String("state", "", "directory for the database and audit log")
	capName := flag.String("cap-name", "example.com/cap/secrets", "grant name the tailnet policy uses for setec's capability")
	flag.Parse()
	if *socket == "" || *state == "" {
		log.Fatal("-socket and -state are required")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	handle, err := keyset.NewHandle(aead.XChaCha20Poly1305KeyTemplate())
	if err != nil {
		log.Fatalf("making the KEK: %v", err)
	}
	kek, err := aead.New(handle)
	if err != nil {
		log.Fatalf("making the KEK: %v", err)
	}
	auditLog, err := audit.NewFile(filepath.Join(*state, "audit.log"))
	if err != nil {
		log.Fatalf("opening the audit log: %v", err)
	}
	lc := &local.Client{Socket: *socket, UseSocketOnly: true}
	from := tailcfg.PeerCapability(*capName)
	mux := http.NewServeMux()
	if _, err := server.New(ctx, server.Config{
		DBPath:   filepath.Join(*state, "database"),
		Key:      kek,
		AuditLog: auditLog,
		Mux:      mux,
		WhoIs: func(ctx context.Context, remoteAddr string) (*apitype.WhoIsResponse, error) {
			who, err := lc.WhoIs(ctx, remoteAddr)
			if err != nil {
				return nil, err
			}
			if v, ok := who.CapMap[from]; ok && from != setecCap {
				caps := make(tailcfg.PeerCapMap, len(who.CapMap))
				for k, vs := range who.CapMap {
					caps[k] = vs
				}
				caps[setecCap] = v
				who.CapMap = caps
			}
			return who, nil
		},
	}); err != nil {
		log.Fatalf("starting setec's server: %v", err)
	}

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatalf("listen: %v", err)
	}
	pln := &proxyproto.Listener{
		Listener:          ln,
		ReadHeaderTimeout: 5 * time.Second,
		ConnPolicy:        func(proxyproto.ConnPolicyOptions) (proxyproto.Policy, error) { return proxyproto.REQUIRE, nil },
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 20 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	log.Printf("setec-upstream listening on %s", ln.Addr())
	if err := srv.Serve(pln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatalf("serve: %v", err)
	}
	auditLog.Close()
}
