<?xml version="1.0" encoding="UTF-8"?>
<!-- login.xsl: the login page. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="i:t('Log in')"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <h1><xsl:value-of select="i:t('Log in')"/></h1>
    <xsl:if test="login/message">
      <div class="error-summary" role="alert" tabindex="-1" autofocus="autofocus" id="login-error">
        <p><xsl:value-of select="login/message"/></p>
      </div>
    </xsl:if>
    <xsl:for-each select="login/provider">
      <form method="post" action="/login/{@name}" class="login provider">
        <input type="hidden" name="csrf" value="{../@csrf}"/>
        <input type="hidden" name="next" value="{../@next}"/>
        <xsl:if test="../@fresh">
          <input type="hidden" name="fresh" value="1"/>
        </xsl:if>
        <xsl:for-each select="../keep">
          <input type="hidden" name="resume:{@name}" value="{.}"/>
        </xsl:for-each>
        <xsl:choose>
          <xsl:when test="@name = 'idporten'">
            <p><xsl:value-of select="i:t('Guardians and youths')"/></p>
            <button type="submit" class="primary"><xsl:value-of select="i:t('Log in with ID-porten')"/></button>
          </xsl:when>
          <xsl:otherwise>
            <p><xsl:value-of select="i:t('Employees of the municipality')"/></p>
            <button type="submit" class="primary"><xsl:value-of select="i:t('Log in with your work account')"/></button>
          </xsl:otherwise>
        </xsl:choose>
      </form>
    </xsl:for-each>
    <xsl:if test="login/provider">
      <h2><xsl:value-of select="i:t('Log in with a user name and password')"/></h2>
    </xsl:if>
    <form method="post" action="/login" class="login" novalidate="novalidate">
      <input type="hidden" name="csrf" value="{login/@csrf}"/>
      <input type="hidden" name="next" value="{login/@next}"/>
      <xsl:for-each select="login/keep">
        <input type="hidden" name="resume:{@name}" value="{.}"/>
      </xsl:for-each>
      <div class="field">
        <label for="username"><xsl:value-of select="i:t('User name')"/></label>
        <input type="text" id="username" name="username" value="{login/@username}"
               autocomplete="username" autocapitalize="none" spellcheck="false"
               required="required" aria-required="true">
          <xsl:if test="login/message">
            <xsl:attribute name="aria-describedby">login-error</xsl:attribute>
          </xsl:if>
        </input>
      </div>
      <div class="field">
        <label for="password"><xsl:value-of select="i:t('Password')"/></label>
        <input type="password" id="password" name="password"
               autocomplete="current-password" required="required" aria-required="true"/>
      </div>
      <button type="submit" class="primary"><xsl:value-of select="i:t('Log in')"/></button>
    </form>
  </xsl:template>
</xsl:stylesheet>
