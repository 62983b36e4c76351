package dev.coffeeshop.events;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * {@link KafkaAccess} in Kafka's own terms: the ACL bindings an admin client creates, one per principal, resource and
 * operation, literal names only. Needs the Kafka client on the class path, which this module leaves to its user (the
 * launcher and the tests' broker have it; the services never write ACLs).
 */
public final class KafkaAcls {

    private KafkaAcls() {}

    /** Every service's ACLs. */
    public static List<AclBinding> ofServices() {
        var acls = new ArrayList<AclBinding>();
        KafkaAccess.services().forEach(service -> acls.addAll(of(service)));
        return acls;
    }

    /** One service's ACLs, from any host. */
    public static List<AclBinding> of(KafkaAccess service) {
        var acls = new ArrayList<AclBinding>();
        for (KafkaAccess.Grant grant : service.grants()) {
            var resource = new ResourcePattern(
                    ResourceType.valueOf(grant.resource().name()), grant.name(), PatternType.LITERAL);
            for (KafkaAccess.Operation operation : grant.operations()) {
                acls.add(new AclBinding(
                        resource,
                        new AccessControlEntry(
                                "User:" + service.principal(),
                                "*",
                                AclOperation.valueOf(operation.name()),
                                AclPermissionType.ALLOW)));
            }
        }
        return acls;
    }
}
