package org.arcoforge.testinfra;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.DataConnection;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;

/**
 * Apache MINA FtpServer in-process, one user with a password and a home directory, counting
 * commands; a file can be set to have its data connection dropped mid-transfer once.
 */
public final class TestFtpServer implements AutoCloseable {
    private final FtpServer server;
    private final int port;
    private final Path home;
    private final Map<String, AtomicInteger> commands = new ConcurrentHashMap<>();
    private final Set<String> dropOnce = ConcurrentHashMap.newKeySet();

    public TestFtpServer(Path home, String user, String password) throws Exception {
        this.home = home;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        FtpServerFactory f = new FtpServerFactory();
        ListenerFactory lf = new ListenerFactory();
        lf.setPort(port);
        lf.setServerAddress("127.0.0.1");
        f.addListener("default", lf.createListener());
        var users = new PropertiesUserManagerFactory().createUserManager();
        BaseUser u = new BaseUser();
        u.setName(user);
        u.setPassword(password);
        u.setHomeDirectory(home.toString());
        users.save(u);
        f.setUserManager(users);
        f.setFtplets(new java.util.HashMap<>(Map.of("faults", new DefaultFtplet() {
            @Override
            public FtpletResult beforeCommand(FtpSession session, FtpRequest request) throws FtpException, IOException {
                commands.computeIfAbsent(request.getCommand().toUpperCase(java.util.Locale.ROOT),
                        k -> new AtomicInteger()).incrementAndGet();
                return super.beforeCommand(session, request);
            }

            @Override
            public FtpletResult onDownloadStart(FtpSession session, FtpRequest request) throws FtpException, IOException {
                String arg = request.getArgument();
                String name = arg.substring(arg.lastIndexOf('/') + 1);
                if (!dropOnce.remove(name)) {
                    return FtpletResult.DEFAULT;
                }
                byte[] data = Files.readAllBytes(home.resolve(arg.replaceFirst("^/", "")));
                int offset = (int) session.getFileOffset();
                int part = (data.length - offset) / 3;
                session.write(new DefaultFtpReply(150, "Opening BINARY data connection"));
                try {
                    DataConnection dc = session.getDataConnection().openConnection();
                    dc.transferToClient(session, new ByteArrayInputStream(data, offset, part));
                } catch (Exception e) {
                    throw new IOException(e);
                } finally {
                    session.getDataConnection().closeDataConnection();
                }
                session.write(new DefaultFtpReply(426, "Data connection dropped (test fault)"));
                return FtpletResult.SKIP;
            }
        })));
        server = f.createServer();
        server.start();
    }

    public String url(String relative) {
        return "ftp://127.0.0.1:" + port + "/" + relative;
    }

    public int port() { return port; }

    /** The next RETR of this file name sends a third of the bytes, drops the data connection and answers 426. */
    public void dropDataConnectionOnce(String fileName) {
        dropOnce.add(fileName);
    }

    public int count(String command) {
        AtomicInteger c = commands.get(command);
        return c == null ? 0 : c.get();
    }

    public void resetCounters() {
        commands.clear();
    }

    public List<String> commandsSeen() {
        return commands.keySet().stream().sorted().toList();
    }

    @Override
    public void close() {
        server.stop();
    }
}
