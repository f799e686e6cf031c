package dev.aragora.server.cli;

public final class Main {
  public static void main(String[] args) {
    System.out.println("aragora");
  }
}
