package dev.regnotify.delivery.metrics;

import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.regnotify.delivery.EndpointMetricsMXBean;

/**
 * Registers endpoint metrics as {@code dev.regnotify:type=Endpoint,name=<name>} in the platform MBean server. A name
 * already taken (another application in the same JVM with an endpoint of that name) is logged and skipped.
 *
 * @since 0.1
 */
public final class JmxRegistration {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");

    private JmxRegistration() {
    }

    /**
     * @param endpointName an endpoint's name
     * @return its MBean's name
     */
    public static ObjectName objectName(String endpointName) {
        try {
            String value = endpointName.matches("[A-Za-z0-9._-]+") ? endpointName : ObjectName.quote(endpointName);
            return new ObjectName("dev.regnotify:type=Endpoint,name=" + value);
        } catch (JMException e) {
            throw new IllegalArgumentException("no MBean name for endpoint " + endpointName, e);
        }
    }

    /**
     * @param metrics the endpoint's counters
     * @return whether they were registered
     */
    public static boolean register(EndpointMetricsMXBean metrics) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            server.registerMBean(metrics, objectName(metrics.getName()));
            return true;
        } catch (InstanceAlreadyExistsException e) {
            LOG.log(Level.WARNING, "RN-311 an MBean for endpoint {0} exists already (another application in this "
                    + "JVM?); this endpoint's metrics are not registered", metrics.getName());
        } catch (JMException e) {
            LOG.log(Level.WARNING, "RN-311 the metrics of endpoint " + metrics.getName() + " are not registered", e);
        }
        return false;
    }

    /** @param endpointName an endpoint whose metrics this application registered */
    public static void unregister(String endpointName) {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(objectName(endpointName));
        } catch (InstanceNotFoundException e) {
            // already gone
        } catch (JMException e) {
            LOG.log(Level.WARNING, "RN-311 the metrics of endpoint " + endpointName + " were not unregistered", e);
        }
    }
}
