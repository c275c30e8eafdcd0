package io.github.flinklakehouse.manifests;

/**
 * One rule a deployment file breaks: the file, what in it (a service, a FlinkDeployment), the rule's name and what is
 * wrong, so a failing CI run says where to look and what to change.
 */
public record Problem(String file, String subject, String rule, String message) {

    @Override
    public String toString() {
        return file + ": " + subject + ": [" + rule + "] " + message;
    }
}
