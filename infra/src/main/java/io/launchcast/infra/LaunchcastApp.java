package io.launchcast.infra;
public class LaunchcastApp { public static void main(String[] a){} }
